using System.Net;
using Qase.Webhooks.Grains.Delivery;

namespace Qase.Webhooks.Tests.Rules;

public sealed class NetworkAddressPolicyTests
{
    [Theory]
    // 0.0.0.0/8 "this network"
    [InlineData("0.0.0.0")]
    [InlineData("0.255.255.255")]
    // 10/8
    [InlineData("10.0.0.0")]
    [InlineData("10.255.255.255")]
    // 100.64/10 carrier-grade NAT
    [InlineData("100.64.0.0")]
    [InlineData("100.127.255.255")]
    // 127/8 loopback
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    // 169.254/16 link-local and the cloud metadata address
    [InlineData("169.254.0.1")]
    [InlineData("169.254.169.254")]
    // 172.16/12
    [InlineData("172.16.0.0")]
    [InlineData("172.31.255.255")]
    // 192.168/16
    [InlineData("192.168.0.1")]
    [InlineData("192.168.255.255")]
    // 198.18/15 benchmarking
    [InlineData("198.18.0.0")]
    [InlineData("198.19.255.255")]
    // 224/4 multicast
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.255")]
    // 240/4 reserved and broadcast
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    // 192.0.0.0/24 IETF protocol assignments
    [InlineData("192.0.0.0")]
    [InlineData("192.0.0.170")]
    [InlineData("192.0.0.255")]
    // the documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24
    [InlineData("192.0.2.1")]
    [InlineData("192.0.2.255")]
    [InlineData("198.51.100.0")]
    [InlineData("198.51.100.255")]
    [InlineData("203.0.113.7")]
    [InlineData("203.0.113.255")]
    public void Refuses_every_private_IPv4_range(string address) =>
        Assert.True(NetworkAddressPolicy.IsRefused(IPAddress.Parse(address)), $"{address} should be refused");

    [Theory]
    [InlineData("::")]                       // ::/128 unspecified
    [InlineData("::1")]                      // loopback
    [InlineData("fc00::1")]                  // fc00::/7 unique local
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("fe80::1")]                  // fe80::/10 link-local
    [InlineData("febf:ffff::1")]
    [InlineData("fe80::1%2")]                // with a zone
    [InlineData("ff00::1")]                  // ff00::/8 multicast
    [InlineData("ff02::1")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("fec0::1")]                  // fec0::/10 site-local (deprecated)
    [InlineData("feff:ffff::1")]
    [InlineData("2001::1")]                  // 2001::/32 Teredo, which tunnels to any IPv4 address
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("2001:0:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("64:ff9b:1::1")]             // 64:ff9b:1::/48 local-use NAT64
    [InlineData("64:ff9b:1:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db8::1")]              // 2001:db8::/32 documentation
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Refuses_every_private_IPv6_range(string address) =>
        Assert.True(NetworkAddressPolicy.IsRefused(IPAddress.Parse(address)), $"{address} should be refused");

    [Theory]
    [InlineData("::ffff:127.0.0.1")]         // IPv4-mapped
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.1.1")]
    [InlineData("::ffff:0.0.0.0")]
    [InlineData("::127.0.0.1")]              // IPv4-compatible (deprecated)
    [InlineData("64:ff9b::127.0.0.1")]       // NAT64
    [InlineData("64:ff9b::a9fe:a9fe")]       // NAT64 of 169.254.169.254
    [InlineData("64:ff9b::10.0.0.1")]
    [InlineData("64:ff9b::c0a8:101")]        // NAT64 of 192.168.1.1
    [InlineData("2002:7f00:1::")]            // 6to4 of 127.0.0.1
    [InlineData("2002:a00:1::1")]            // 6to4 of 10.0.0.1
    [InlineData("2002:a9fe:a9fe::")]         // 6to4 of 169.254.169.254
    [InlineData("2002:ac10:0001::")]         // 6to4 of 172.16.0.1
    [InlineData("2002:c0a8:0101::")]         // 6to4 of 192.168.1.1
    [InlineData("2002:e000:0001::")]         // 6to4 of 224.0.0.1
    public void Refuses_private_IPv4_addresses_carried_in_IPv6(string address) =>
        Assert.True(NetworkAddressPolicy.IsRefused(IPAddress.Parse(address)), $"{address} should be refused");

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("1.0.0.0")]                  // just past 0.0.0.0/8
    [InlineData("9.255.255.255")]            // just before 10/8
    [InlineData("11.0.0.0")]                 // just past 10/8
    [InlineData("100.63.255.255")]           // just before 100.64/10
    [InlineData("100.128.0.0")]              // just past 100.64/10
    [InlineData("126.255.255.255")]          // just before 127/8
    [InlineData("128.0.0.0")]                // just past 127/8
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]           // just before 172.16/12
    [InlineData("172.32.0.0")]               // just past 172.16/12
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]           // just before 198.18/15
    [InlineData("198.20.0.0")]               // just past 198.18/15
    [InlineData("223.255.255.255")]          // just before 224/4
    [InlineData("191.255.255.255")]          // just before 192.0.0.0/24
    [InlineData("192.0.1.0")]                // between 192.0.0.0/24 and 192.0.2.0/24
    [InlineData("192.0.3.0")]                // just past 192.0.2.0/24
    [InlineData("198.51.99.255")]            // just before 198.51.100.0/24
    [InlineData("198.51.101.0")]             // just past it
    [InlineData("203.0.112.255")]            // just before 203.0.113.0/24
    [InlineData("203.0.114.0")]              // just past it
    public void Allows_public_IPv4_addresses(string address) =>
        Assert.False(NetworkAddressPolicy.IsRefused(IPAddress.Parse(address)), $"{address} should be allowed");

    [Theory]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2a00:1450:4001:82a::200e")]
    [InlineData("fbff:ffff::1")]             // just before fc00::/7
    [InlineData("::ffff:8.8.8.8")]           // IPv4-mapped public
    [InlineData("64:ff9b::808:808")]         // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")]          // 6to4 of 8.8.8.8
    [InlineData("2001:1::1")]                // just past Teredo 2001::/32
    [InlineData("2001:db7:ffff::1")]         // just before 2001:db8::/32
    [InlineData("2001:db9::1")]              // just past it
    [InlineData("64:ff9b:2::1")]             // just past 64:ff9b:1::/48
    [InlineData("64:ff9b:0:ffff::1")]        // just before it
    public void Allows_public_IPv6_addresses(string address) =>
        Assert.False(NetworkAddressPolicy.IsRefused(IPAddress.Parse(address)), $"{address} should be allowed");

    [Theory]
    [InlineData("127.0.0.1", "refused address: 127.0.0.1 is a loopback")]
    [InlineData("[::1]", "refused address: [::1] is a loopback")]
    [InlineData("localhost", "refused address: localhost resolves only to loopback")]
    public void A_refusal_names_what_the_url_gave_and_the_setting_that_allows_it(string host, string start)
    {
        var refusal = NetworkAddressPolicy.Refusal(host);

        Assert.StartsWith(start, refusal);
        Assert.Contains("Delivery:AllowPrivateNetworks=true", refusal);
    }
}
