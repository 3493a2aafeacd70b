using System.Net;
using System.Net.Sockets;

namespace Qase.Webhooks.Grains.Delivery;

/// <summary>
/// Which addresses deliveries may not reach unless private networks are allowed: loopback, private,
/// shared, link-local (the cloud metadata address among them), benchmarking, documentation, multicast,
/// reserved and unspecified ranges, in IPv4 and IPv6, including IPv4 addresses carried in IPv6 (mapped,
/// compatible, NAT64 and 6to4 forms) and the tunnels that can reach any of them (Teredo).
/// </summary>
public static class NetworkAddressPolicy
{
    /// <summary>The setting that lifts the policy, as the refusal names it.</summary>
    public const string AllowSetting = "Delivery:AllowPrivateNetworks";

    private static readonly (uint Network, int Prefix)[] RefusedV4 =
    [
        (0x00000000, 8),   // 0.0.0.0/8 "this network"
        (0x0A000000, 8),   // 10/8
        (0x64400000, 10),  // 100.64/10 carrier-grade NAT
        (0x7F000000, 8),   // 127/8 loopback
        (0xA9FE0000, 16),  // 169.254/16 link-local, cloud metadata
        (0xAC100000, 12),  // 172.16/12
        (0xC0000000, 24),  // 192.0.0.0/24 IETF protocol assignments
        (0xC0000200, 24),  // 192.0.2.0/24 documentation (TEST-NET-1)
        (0xC0A80000, 16),  // 192.168/16
        (0xC6120000, 15),  // 198.18/15 benchmarking
        (0xC6336400, 24),  // 198.51.100.0/24 documentation (TEST-NET-2)
        (0xCB007100, 24),  // 203.0.113.0/24 documentation (TEST-NET-3)
        (0xE0000000, 4),   // 224/4 multicast
        (0xF0000000, 4),   // 240/4 reserved and broadcast
    ];

    /// <summary>
    /// The one wording of a refusal, for a URL refused at creation and for an attempt refused when connecting.
    /// It names what the URL gave (a literal address or a host name), never the addresses a name resolved to,
    /// so that it cannot be used to learn what internal names resolve to.
    /// </summary>
    public static string Refusal(string host)
    {
        const string Kinds = "loopback, private, link-local, multicast, documentation or otherwise reserved";
        var what = IPAddress.TryParse(host.Trim('[', ']'), out _) ? $"is a {Kinds} address" : $"resolves only to {Kinds} addresses";
        return $"refused address: {host} {what}, where deliveries are not allowed; {AllowSetting}=true allows them (for development and tests).";
    }

    public static bool IsRefused(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsRefusedV4(ToUInt32(address.GetAddressBytes(), 0));
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6 || IsZero(bytes, 0, 12))
        {
            // ::ffff:a.b.c.d and the deprecated ::a.b.c.d (which also covers :: and ::1).
            return IsRefusedV4(ToUInt32(bytes, 12));
        }
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B && IsZero(bytes, 4, 8))
        {
            return IsRefusedV4(ToUInt32(bytes, 12)); // NAT64 64:ff9b::/96
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsRefusedV4(ToUInt32(bytes, 2)); // 6to4 2002::/16
        }
        return (bytes[0] & 0xFE) == 0xFC           // fc00::/7 unique local
            || (bytes[0] == 0xFE && (bytes[1] & 0x80) == 0x80) // fe80::/10 link-local and fec0::/10 site-local
            || bytes[0] == 0xFF                    // ff00::/8 multicast
            || IsPrefix(bytes, 0x20, 0x01, 0x00, 0x00) // 2001::/32 Teredo: tunnels to any IPv4 address
            || IsPrefix(bytes, 0x20, 0x01, 0x0D, 0xB8) // 2001:db8::/32 documentation
            || (IsPrefix(bytes, 0x00, 0x64, 0xFF, 0x9B) && bytes[4] == 0x00 && bytes[5] == 0x01); // 64:ff9b:1::/48 local-use NAT64
    }

    private static bool IsRefusedV4(uint address)
    {
        foreach (var (network, prefix) in RefusedV4)
        {
            var mask = uint.MaxValue << (32 - prefix);
            if ((address & mask) == network)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsPrefix(byte[] bytes, byte b0, byte b1, byte b2, byte b3) =>
        bytes[0] == b0 && bytes[1] == b1 && bytes[2] == b2 && bytes[3] == b3;

    private static uint ToUInt32(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);

    private static bool IsZero(byte[] bytes, int offset, int count) => bytes.AsSpan(offset, count).IndexOfAnyExcept((byte)0) < 0;
}
