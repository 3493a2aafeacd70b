namespace Qase.Webhooks.Grains.Storage;

/// <summary>The grain storage provider every grain's state goes through; the host decides what backs it.</summary>
public static class StorageNames
{
    public const string Default = "qase";
}
