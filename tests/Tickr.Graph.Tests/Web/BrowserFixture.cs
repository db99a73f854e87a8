using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tickr.Graph.Tests.Web;

/// <summary>The two screen sizes every page is tried (and photographed) at.</summary>
public enum ScreenSize
{
    /// <summary>390×844, a mobile viewport with touch (an iPhone 12–15 class phone).</summary>
    Phone,

    /// <summary>1280×800.</summary>
    Desktop,
}

/// <summary>
/// One Playwright driver and one headless Debian Chromium (/usr/bin/chromium: Playwright cannot download its own
/// browser here, and nothing may run <c>playwright install</c>) for a test class; each test opens its own contexts
/// (<see cref="OpenAsync"/>), so cookies, storage, service workers and IndexedDB never leak between tests. A test that
/// needs other launch flags (the fake camera's video file is a launch flag) launches its own browser with
/// <see cref="LaunchAsync"/> from the same driver.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The flags every launch gets (the project's common set, plus no QUIC: only loopback is reachable).</summary>
    public static readonly IReadOnlyList<string> CommonArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("The browser fixture is not started.");

    /// <summary>The class's browser, with the common flags only.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser fixture is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: the web app's browser tests need Debian's Chromium (apt-get install -y chromium; test.sh does it).");
        }
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await LaunchAsync();
    }

    /// <summary>Another headless Chromium with the common flags and <paramref name="extraArgs"/>; the caller closes it.</summary>
    public Task<IBrowser> LaunchAsync(params string[] extraArgs) =>
        Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = [.. CommonArgs, .. extraArgs],
        });

    /// <summary>
    /// A Chromium whose camera is the fake device playing <paramref name="y4mPath"/> in a loop (a YUV4MPEG2 file, see
    /// <see cref="FakeCamera"/>), with the permission prompt accepted.
    /// </summary>
    public Task<IBrowser> LaunchWithCameraAsync(string y4mPath) =>
        LaunchAsync("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + y4mPath);

    /// <summary>
    /// A new context (and its page) at <paramref name="size"/> on <paramref name="browser"/> (default: the class's
    /// browser), watched for console errors and Content-Security-Policy violations.
    /// </summary>
    public Task<BrowserSession> OpenAsync(ITestOutputHelper output, ScreenSize size, IBrowser? browser = null) =>
        BrowserSession.OpenAsync(browser ?? Browser, output, size);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>
/// One browser context and its page, with what went wrong in it: console errors and uncaught exceptions (written to the
/// test output when the session ends) and Content-Security-Policy violations, which fail the test
/// (<see cref="AssertNoCspViolations"/>, called by every screenshot and at the end of each test). Violations are caught
/// twice: a <c>securitypolicyviolation</c> listener installed before any page script runs, reporting through an exposed
/// binding (both go through the DevTools protocol, so the CSP under test does not block them), and the console's
/// messages naming a Content Security Policy directive ("Refused to …", "… violates the following …").
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const float DefaultTimeout = 20_000;

    private const string ViolationListener = """
        document.addEventListener('securitypolicyviolation', e => {
          try {
            window.__tickrCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} (${e.disposition})`);
          } catch { /* the binding is always there; never break the page */ }
        }, true);
        """;

    private readonly List<string> _errors = [];
    private readonly List<string> _violations = [];
    private readonly List<string> _log = [];
    private readonly ITestOutputHelper _output;

    private BrowserSession(IBrowserContext context, IPage page, ITestOutputHelper output, ScreenSize size)
    {
        Context = context;
        Page = page;
        _output = output;
        Size = size;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public ScreenSize Size { get; }

    public string SizeName => Size == ScreenSize.Phone ? "phone" : "desktop";

    /// <summary>Console errors and uncaught page errors so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public IReadOnlyList<string> CspViolations
    {
        get
        {
            lock (_violations)
            {
                return [.. _violations];
            }
        }
    }

    public static BrowserNewContextOptions ContextOptions(ScreenSize size) => size == ScreenSize.Phone
        ? new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            Locale = "fr-FR",
            AcceptDownloads = true,
        }
        : new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "fr-FR",
            AcceptDownloads = true,
        };

    /// <summary>A new context at <paramref name="size"/>, optionally starting from a saved storage state (a signed-in session).</summary>
    public static async Task<BrowserSession> OpenAsync(IBrowser browser, ITestOutputHelper output, ScreenSize size, string? storageState = null)
    {
        var options = ContextOptions(size);
        options.StorageState = storageState;
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(DefaultTimeout);
        try
        {
            var page = await context.NewPageAsync();
            var session = new BrowserSession(context, page, output, size);
            await context.ExposeFunctionAsync("__tickrCspViolation", (string text) => session.AddViolation("listener: " + text));
            await context.AddInitScriptAsync(ViolationListener);
            session.Watch(page);
            context.Page += (_, other) => session.Watch(other);
            return session;
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Goes to <paramref name="url"/> and asserts a 2xx answer (or none: a service worker may answer).</summary>
    public async Task<IResponse?> GotoAsync(string url)
    {
        var response = await Page.GotoAsync(url);
        Assert.True(response is null || response.Ok, $"GET {url}: {response?.Status} {response?.StatusText}");
        return response;
    }

    public ILocator TestId(string id) => Page.GetByTestId(id);

    /// <summary>The <c>data-value</c> of the first element with the test id, once it has one.</summary>
    public async Task<string> DataValueAsync(string testId, string attribute = "data-value")
    {
        var locator = TestId(testId).First;
        await locator.WaitForAsync();
        await Page.WaitForFunctionAsync(
            "([id, a]) => document.querySelector(`[data-testid=\"${id}\"]`)?.getAttribute(a) != null",
            new[] { testId, attribute });
        return (await locator.GetAttributeAsync(attribute))!;
    }

    /// <summary>A full-page screenshot as <c>TestResults/web/&lt;page&gt;-&lt;size&gt;.png</c>; asserts no CSP violation so far.</summary>
    public async Task<string> ScreenshotAsync(string pageName)
    {
        var path = WebArtifacts.ScreenshotPath(pageName, SizeName);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Log($"screenshot {path}");
        AssertNoCspViolations();
        return path;
    }

    /// <summary>Fails the test when the page reported any Content-Security-Policy violation.</summary>
    public void AssertNoCspViolations()
    {
        var violations = CspViolations;
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join('\n', violations));
    }

    /// <summary>A line in the test output (kept and written when the session ends, so handlers on other threads may call it).</summary>
    public void Log(string line)
    {
        lock (_log)
        {
            _log.Add($"[{SizeName} {DateTimeOffset.UtcNow:HH:mm:ss.fff}] {line}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // The browser may already be gone (a test that launched its own closed it).
        }
        lock (_log)
        {
            foreach (var line in _log)
            {
                _output.WriteLine(line);
            }
        }
        var errors = Errors;
        _output.WriteLine(errors.Count == 0 ? $"[{SizeName}] no console errors" : $"[{SizeName}] console errors ({errors.Count}):");
        foreach (var error in errors)
        {
            _output.WriteLine("  " + error);
        }
        foreach (var violation in CspViolations)
        {
            _output.WriteLine("  CSP: " + violation);
        }
    }

    private void Watch(IPage page)
    {
        page.SetDefaultTimeout(DefaultTimeout);
        page.Console += (_, message) =>
        {
            // Chromium's wording: "Refused to load …" or (newer) "Executing inline script violates …", both naming the
            // Content Security Policy directive.
            if (message.Text.Contains("Content Security Policy directive", StringComparison.OrdinalIgnoreCase)
                || (message.Text.Contains("Refused to", StringComparison.Ordinal) && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)))
            {
                AddViolation("console: " + message.Text);
            }
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("uncaught: " + error);
            }
        };
        page.RequestFailed += (_, request) => Log($"request failed: {request.Method} {request.Url} ({request.Failure})");
    }

    private void AddViolation(string text)
    {
        lock (_violations)
        {
            _violations.Add(text);
        }
        Log("CSP violation: " + text);
    }
}
