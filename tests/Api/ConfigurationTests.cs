using Qase.Webhooks.Api;
using Qase.Webhooks.Hosting;
using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Api;

/// <summary>A bad configuration value stops the start, and the message names the key to fix.</summary>
[Trait("Category", "Slow")]
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Delivery:Timeout", "-00:00:01")]
    [InlineData("Delivery:MaxConcurrencyPerWebhook", "0")]
    [InlineData("Delivery:RetrySchedule:0", "00:00:00")]
    [InlineData("Health:FailureWindow", "00:00:00")]
    [InlineData("Health:CheckPeriod", "-01:00:00")]
    [InlineData("Health:MaxMailsPerDay", "-1")]
    [InlineData("Health:MaxMailsPerDay", "100001")]
    [InlineData("Orleans:Mode", "sideways")]
    [InlineData("Orleans:SiloPort", "70000")]
    [InlineData("Orleans:AdvertisedIP", "not-an-address")]
    [InlineData("Smtp:Port", "0")]
    [InlineData("Smtp:From", "nobody")]
    [InlineData("ConnectionStrings:Postgres", "Host=;Nonsense=1")]
    public void A_bad_value_is_refused_with_its_key_named(string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() => QaseApiApp.Build([$"--{key}={value}"]));

        Assert.True(StartupFailure.IsConfigurationError(error), error.ToString());
        Assert.Contains(key, StartupFailure.Describe(error));
    }

    [Fact]
    public void A_value_that_does_not_parse_names_its_key()
    {
        var error = Assert.ThrowsAny<Exception>(() => QaseApiApp.Build(["--Delivery:Timeout=soon"]));

        Assert.True(StartupFailure.IsConfigurationError(error), error.ToString());
        Assert.Contains("Delivery:Timeout", StartupFailure.Describe(error));
    }

    [Fact]
    public void A_payload_validation_switch_that_is_not_a_boolean_names_its_key()
    {
        var error = Assert.ThrowsAny<Exception>(() => QaseApiApp.Build(["--Events:ValidatePayloads=sometimes"]));

        Assert.True(StartupFailure.IsConfigurationError(error), error.ToString());
        Assert.Contains("Events:ValidatePayloads", StartupFailure.Describe(error));
    }

    [Fact]
    public void PostgreSQL_mode_requires_an_admin_token()
    {
        var error = Assert.ThrowsAny<Exception>(() => QaseApiApp.Build(
            ["--ConnectionStrings:Postgres=Host=127.0.0.1;Database=qase", $"--Secrets:Key={TestSecrets.Key}"]));

        Assert.Contains("Auth:AdminToken", StartupFailure.Describe(error));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    public void PostgreSQL_mode_requires_a_secrets_key_of_32_bytes(string? key)
    {
        string[] args = ["--ConnectionStrings:Postgres=Host=127.0.0.1;Database=qase", "--Auth:AdminToken=admin"];
        var error = Assert.ThrowsAny<Exception>(() => QaseApiApp.Build(key is null ? args : [.. args, $"--Secrets:Key={key}"]));

        Assert.True(StartupFailure.IsConfigurationError(error), error.ToString());
        Assert.Contains("Secrets:Key", StartupFailure.Describe(error));
        Assert.Contains("openssl rand -base64 32", StartupFailure.Describe(error));
    }

    [Fact]
    public void A_previous_key_that_is_not_32_bytes_is_named()
    {
        var error = Assert.ThrowsAny<Exception>(() => QaseApiApp.Build(["--ConnectionStrings:Postgres=Host=127.0.0.1;Database=qase",
            "--Auth:AdminToken=admin", $"--Secrets:Key={TestSecrets.Key}", $"--Secrets:PreviousKeys:0={TestSecrets.NextKey}", "--Secrets:PreviousKeys:1=c2hvcnQ="]));

        Assert.Contains("Secrets:PreviousKeys:1", StartupFailure.Describe(error));
    }

    [Fact]
    public void The_embedded_mode_needs_no_secrets_key()
    {
        using var app = QaseApiApp.Build(["--Secrets:Key=", "--Orleans:SiloPort=" + FreePort.Next(), "--Orleans:GatewayPort=" + FreePort.Next()]);

        Assert.NotNull(app);
    }

    [Fact]
    public void A_client_mode_api_needs_no_secrets_key_as_it_stores_nothing()
    {
        using var app = QaseApiApp.Build(["--ConnectionStrings:Postgres=Host=127.0.0.1;Database=qase", "--Auth:AdminToken=admin", "--Orleans:Mode=client"]);

        Assert.NotNull(app);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("api")]
    public async Task A_process_hosting_a_silo_without_a_secrets_key_in_PostgreSQL_mode_exits_naming_it(string project)
    {
        var (exitCode, output) = await ServiceProcess.Run(project, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=qase",
            ["Auth:AdminToken"] = "admin",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Configuration error: Secrets:Key is required in PostgreSQL mode", output);
    }

    [Fact]
    public async Task The_api_process_exits_with_the_key_named_on_a_bad_value()
    {
        var (exitCode, output) = await ServiceProcess.Run("api", new Dictionary<string, string?> { ["Delivery:Timeout"] = "-00:00:05" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Configuration error", output);
        Assert.Contains("Delivery:Timeout", output);
    }
}
