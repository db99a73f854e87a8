using Microsoft.Playwright;

namespace Tickr.GraphQL.AspNetCore.Tests.Ide;

/// <summary>
/// Debian's Chromium driven by Playwright, and one IDE test server, shared by a test class. Playwright cannot download
/// its own browser on these machines, so it is pointed at /usr/bin/chromium (test.sh installs the package).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IdeTestServer? _server;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");

    internal IdeTestServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: the IDE browser tests need Debian's Chromium (apt-get install -y chromium; test.sh does it).");
        }
        _server = await IdeTestServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
