namespace Qase.Webhooks.Grains.Workspaces;

[GenerateSerializer, Alias("qase.TokenState")]
public sealed class TokenState
{
    [Id(0)] public TokenOwner? Owner { get; set; }
}
