using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>A mail as the SMTP sink received it, with how the session that sent it was secured.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data, bool OverTls, string? User)
{
    public string Header(string name) =>
        Data.Split("\r\n").TakeWhile(line => line.Length > 0)
            .FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim() ?? "";
}

/// <summary>
/// A real SMTP server on loopback (the SmtpServer package) that keeps what it receives. It speaks the
/// service's production default: STARTTLS with a certificate made for this run, and AUTH required. It can be
/// stopped and started again on the same port, to play a mail server that is down for a while.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string UserName = "qase-relay";
    public const string Password = "relay-password";

    private readonly ConcurrentQueue<ReceivedMail> _mails = new();
    private readonly X509Certificate2 _certificate = CreateCertificate();
    private CancellationTokenSource? _running;
    private Task? _serving;

    public SmtpSink(int? port = null) => Port = port ?? FreePort.Next();

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Mails => [.. _mails];

    /// <summary>What the service's SMTP client must check instead of a public CA: this run's certificate, and nothing else.</summary>
    public RemoteCertificateValidationCallback TrustsOnlyThisSink =>
        (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString();

    /// <summary>The <c>Smtp:*</c> settings that reach this sink the way production reaches its relay.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(),
        ["Smtp:UseTls"] = "true",
        ["Smtp:UserName"] = UserName,
        ["Smtp:Password"] = Password,
    };

    public SmtpSink Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.test")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                .Certificate(_certificate)
                .AllowUnsecureAuthentication(false)
                .AuthenticationRequired(true))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_mails));
        services.Add(new Authenticator());
        _running = new CancellationTokenSource();
        _serving = new SmtpServer.SmtpServer(options, services).StartAsync(_running.Token);
        return this;
    }

    public async Task Stop()
    {
        if (_running is null)
        {
            return;
        }
        await _running.CancelAsync();
        try
        {
            await _serving!;
        }
        catch (OperationCanceledException)
        {
        }
        _running.Dispose();
        _running = null;
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        _certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=sink.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Exported and loaded again so that the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private sealed class Store(ConcurrentQueue<ReceivedMail> mails) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            mails.Enqueue(new ReceivedMail(
                transaction.From.AsAddress(),
                [.. transaction.To.Select(to => to.AsAddress())],
                Encoding.UTF8.GetString(buffer),
                context.Pipe.IsSecure,
                context.Authentication.IsAuthenticated ? context.Authentication.User : null));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Authenticator : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(user == UserName && password == Password);
    }
}
