namespace Qase.Webhooks.Hosting;

/// <summary>The <c>Orleans:*</c> configuration keys.</summary>
public sealed class QaseClusterOptions
{
    public const string Section = "Orleans";

    /// <summary><c>cohosted</c>: the process hosts a silo; <c>client</c>: it joins the cluster as an Orleans client.</summary>
    public string Mode { get; set; } = "cohosted";

    public string ClusterId { get; set; } = "qase";

    public string ServiceId { get; set; } = "qase-webhooks";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients reach this silo at (PostgreSQL mode). Absent: the host's own
    /// address, which is right in a container; set it where that address is not the one to use.
    /// </summary>
    public string? AdvertisedIP { get; set; }

    public bool IsClient => string.Equals(Mode, "client", StringComparison.OrdinalIgnoreCase);
}
