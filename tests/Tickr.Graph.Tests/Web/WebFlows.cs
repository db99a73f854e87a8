using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Tickr.Graph.Tests.Web;

/// <summary>What the browser tests do on the pages again and again, through the DOM contract's test ids only.</summary>
public static partial class WebFlows
{
    /// <summary>How long a live change may take before a test calls it missing (a failure guard, not a measurement).</summary>
    public const float LiveTimeout = 10_000;

    /// <summary>
    /// Signs in on the login page the app is showing (or opens <c>/app/login</c> first when it is not), and waits until
    /// the app has left it (it goes back to the page that asked).
    /// </summary>
    public static async Task LoginAsync(BrowserSession session, WebAccount account, string? loginUrl = null)
    {
        var page = session.Page;
        var email = session.TestId("login-email");
        if (loginUrl is not null && !await email.IsVisibleAsync())
        {
            await session.GotoAsync(loginUrl);
        }
        await email.WaitForAsync();
        await email.FillAsync(account.Email);
        await session.TestId("login-password").FillAsync(account.Password);
        await session.TestId("login-submit").ClickAsync();
        await WaitForPathAsync(session, path => !LoginPath().IsMatch(path));
        session.Log($"signed in as {account.Email}; now at {page.Url}");
    }

    /// <summary>Waits until the element with the test id has <c>data-state</c> = <paramref name="state"/>.</summary>
    public static Task WaitForStateAsync(BrowserSession session, string testId, string state, float? timeout = null) =>
        session.Page.Locator($"[data-testid=\"{testId}\"][data-state=\"{state}\"]").First
            .WaitForAsync(new LocatorWaitForOptions { Timeout = timeout ?? BrowserSession.DefaultTimeout });

    /// <summary>Waits until an attribute of the first element matching the selector equals <paramref name="expected"/>.</summary>
    public static Task WaitForAttributeAsync(BrowserSession session, string selector, string attribute, string expected, float? timeout = null) =>
        session.Page.WaitForFunctionAsync(
            "([s, a, e]) => document.querySelector(s)?.getAttribute(a) === e",
            new[] { selector, attribute, expected },
            new PageWaitForFunctionOptions { Timeout = timeout ?? BrowserSession.DefaultTimeout });

    /// <summary>
    /// Waits (polling on every animation frame) until the numeric attribute of the first element matching the selector
    /// is greater than <paramref name="before"/>; returns the page's clock (<c>Date.now()</c>, Unix ms) at the frame it
    /// saw the change, and the new value. Started before the change is caused, so no frame is missed.
    /// </summary>
    public static async Task<(long At, double Value)> WaitForIncreaseAsync(BrowserSession session, string selector, string attribute, double before, float? timeout = null)
    {
        var handle = await session.Page.WaitForFunctionAsync(
            """
            ([s, a, b]) => {
              const v = document.querySelector(s)?.getAttribute(a);
              return v != null && v !== '' && Number(v) > b ? [Date.now(), Number(v)] : false;
            }
            """,
            new object[] { selector, attribute, before },
            new PageWaitForFunctionOptions { Timeout = timeout ?? LiveTimeout });
        var result = await handle.JsonValueAsync<double[]>();
        return ((long)result[0], result[1]);
    }

    /// <summary>The numeric attribute of the first element matching the selector, once it has one.</summary>
    public static async Task<double> NumberAsync(BrowserSession session, string selector, string attribute = "data-value")
    {
        // Wrapped in an array: a bare 0 is falsy, and waitForFunction would keep waiting.
        var handle = await session.Page.WaitForFunctionAsync(
            "([s, a]) => { const v = document.querySelector(s)?.getAttribute(a); return v != null && v !== '' && !Number.isNaN(Number(v)) ? [Number(v)] : false; }",
            new[] { selector, attribute });
        return (await handle.JsonValueAsync<double[]>())[0];
    }

    /// <summary>
    /// Waits until the page's path matches (client-side routing changes the URL with the history API: no load event
    /// follows, so Playwright's WaitForURL is told to wait for the commit only).
    /// </summary>
    public static Task WaitForPathAsync(BrowserSession session, Func<string, bool> path, float? timeout = null) =>
        session.Page.WaitForURLAsync(url => path(new Uri(url).AbsolutePath),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = timeout ?? BrowserSession.DefaultTimeout });

    /// <summary>Waits until the page's path is <c>/app/</c> + <paramref name="appPath"/> (percent-decoding aside).</summary>
    public static Task WaitForAppPathAsync(BrowserSession session, string appPath) =>
        WaitForPathAsync(session, path => Uri.UnescapeDataString(path).TrimEnd('/') == ("/app/" + appPath).TrimEnd('/'));

    public static string TestIdSelector(string testId) => $"[data-testid=\"{testId}\"]";

    /// <summary>Picks an option of a select by value (the contract's ids), waiting until the option is there.</summary>
    public static async Task SelectAsync(BrowserSession session, string testId, string value)
    {
        var select = session.TestId(testId);
        await session.Page.Locator($"{TestIdSelector(testId)} option[value=\"{value}\"]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await select.SelectOptionAsync(new SelectOptionValue { Value = value });
    }

    /// <summary>Records a figure in TestResults/web/timings.json and the test output.</summary>
    public static void Record(BrowserSession session, string key, JsonNode value)
    {
        WebArtifacts.RecordTiming(key, value);
        session.Log($"figure {key} = {value.ToJsonString()}");
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    [GeneratedRegex("/app/login/?$")]
    private static partial Regex LoginPath();
}
