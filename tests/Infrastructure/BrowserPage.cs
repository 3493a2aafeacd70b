using Microsoft.Playwright;

namespace Qase.Webhooks.Tests.Infrastructure;

/// <summary>
/// One test's tab on the service's page: a fresh browser context at a laptop's size, every script error
/// collected (a test fails on any), and screenshots written to the test output.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private BrowserPage(IBrowserContext context, IPage page, Uri baseAddress)
    {
        _context = context;
        Page = page;
        BaseAddress = baseAddress;
        page.Console += (_, message) =>
        {
            // A failed request the page handles (a 4xx it shows) is logged by the browser too; that is not a script error.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Add(error);
    }

    public IPage Page { get; }

    public Uri BaseAddress { get; }

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserPage> Open(Chromium chromium, Uri baseAddress)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page, baseAddress);
    }

    public async Task Goto(string hash = "")
    {
        await Page.GotoAsync(new Uri(BaseAddress, "/" + hash).ToString());
        AssertNoScriptErrors(); // a module that fails to load leaves an empty page: say so now, not at a timeout
    }

    /// <summary>Signs in on the page with <paramref name="token"/> and waits for the view it leads to.</summary>
    public async Task SignIn(string token, string expectedHeading = "Projects")
    {
        await Goto();
        await Page.GetByLabel("Token").FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Heading(expectedHeading)).ToBeVisibleAsync();
    }

    public ILocator Heading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    public async Task Screenshot(string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });
    }

    public void AssertNoScriptErrors() => Assert.True(_errors.Count == 0, "Script errors on the page: " + string.Join(" | ", _errors));

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
    }
}
