using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

// A receiver of Qase webhooks to try the service against. It checks every delivery as a production
// endpoint should (the Standard Webhooks signature, X-Qase-Secret, repeats), then prints it.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}
var secret = builder.Configuration["Receiver:Secret"] ?? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
var path = builder.Configuration["Receiver:Path"] ?? "/qase";
var app = builder.Build();

// The signing key is the base64 part of a whsec_ secret, or the UTF-8 bytes of any other secret.
var signature = secret.StartsWith("whsec_", StringComparison.Ordinal)
    ? new StandardWebhook(secret)
    : new StandardWebhook(Encoding.UTF8.GetBytes(secret));
// Delivery is at least once: a retry after a lost answer comes again with the same webhook-id.
// A real receiver keeps these ids where it keeps the work they started.
var handled = new ConcurrentDictionary<string, byte>();

app.MapPost(path, async (HttpRequest request) =>
{
    using var reader = new StreamReader(request.Body, Encoding.UTF8);
    var body = await reader.ReadToEndAsync();
    var id = request.Headers["webhook-id"].ToString();
    try
    {
        // Checks the signature over id, timestamp and body, and that the timestamp is within 5 minutes.
        signature.Verify(body, request.Headers);
    }
    catch (WebhookVerificationException ex)
    {
        Console.WriteLine($"refused {id}: {ex.Message}");
        return Results.Unauthorized();
    }
    if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Headers["X-Qase-Secret"].ToString()), Encoding.UTF8.GetBytes(secret)))
    {
        Console.WriteLine($"refused {id}: X-Qase-Secret is not this receiver's secret");
        return Results.Unauthorized();
    }
    if (!handled.TryAdd(id, 0))
    {
        Console.WriteLine($"dropped {id}: a repeat of a delivery already handled");
        return Results.NoContent();
    }
    Console.WriteLine($"verified {request.Headers["X-Qase-Event"]} {id}: {body}");
    return Results.NoContent();
});

app.Run();
