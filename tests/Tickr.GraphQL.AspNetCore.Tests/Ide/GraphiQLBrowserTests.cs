using System.Text.Json;
using Microsoft.Playwright;

namespace Tickr.GraphQL.AspNetCore.Tests.Ide;

/// <summary>
/// The IDE in a real browser (Chromium, headless) against a real Kestrel server: it loads from the app alone, reads the
/// schema, completes fields, runs queries by button and by Ctrl+Enter, sends the headers editor's headers, keeps
/// history, runs a subscription over graphql-transport-ws and shows the live events of one fed by mutations. The server
/// is the real transport (<c>MapGraphQL</c>) next to the IDE (<c>MapGraphiQL</c>).
/// </summary>
public sealed class GraphiQLBrowserTests(ChromiumFixture fixture) : IClassFixture<ChromiumFixture>
{
    private const float Timeout = 30_000;

    private IdeTestServer Server => fixture.Server;

    /// <summary>A fresh page on the IDE, recording every request it makes and every error it reports.</summary>
    private async Task<(IPage Page, List<string> Urls, List<string> Errors, IBrowserContext Context)> OpenAsync()
    {
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        var urls = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) => { lock (urls) { urls.Add(request.Url); } };
        page.WebSocket += (_, socket) => { lock (urls) { urls.Add(socket.Url); } };
        page.Console += (_, message) => { if (message.Type == "error") { lock (errors) { errors.Add(message.Text + " at " + message.Location); } } };
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        page.RequestFailed += (_, request) => { lock (errors) { errors.Add("failed: " + request.Url); } };

        var response = await page.GotoAsync(Server.BaseAddress + "/graphql");
        Assert.Equal(200, response!.Status);
        await page.Locator(".graphiql-container").WaitForAsync();
        // The schema is loaded when the docs button is usable and the re-fetch button is no longer disabled.
        await page.Locator("button[aria-label='Re-fetch GraphQL schema']:not([disabled])").WaitForAsync();
        return (page, urls, errors, context);
    }

    private static Task SetEditorAsync(IPage page, string selector, string value) =>
        page.EvaluateAsync("([s, v]) => document.querySelector(s).CodeMirror.setValue(v)", new[] { selector, value });

    /// <summary>
    /// Sets the query editor's text and waits until GraphiQL has parsed it (its facts are updated after a short debounce):
    /// the fetcher picks HTTP or the WebSocket from that parse, so running earlier could send a new subscription by POST.
    /// </summary>
    private static async Task SetQueryAsync(IPage page, string query)
    {
        await SetEditorAsync(page, ".graphiql-query-editor .CodeMirror", query);
        await page.WaitForFunctionAsync(
            "q => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.documentAST?.loc?.source?.body === q",
            query,
            new PageWaitForFunctionOptions { Timeout = Timeout });
    }

    private static async Task<string> WaitForResponseAsync(IPage page, string expected)
    {
        await page.WaitForFunctionAsync(
            "e => (document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror.getValue() ?? '').includes(e)",
            expected,
            new PageWaitForFunctionOptions { Timeout = Timeout });
        return await page.EvaluateAsync<string>("() => document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()");
    }

    private void AssertOnlyThisApp(List<string> urls, List<string> errors)
    {
        var origin = new Uri(Server.BaseAddress);
        lock (urls)
        {
            Assert.NotEmpty(urls);
            Assert.All(urls, url =>
            {
                var uri = new Uri(url);
                Assert.Equal(origin.Host, uri.Host);
                Assert.Equal(origin.Port, uri.Port);
            });
        }
        lock (errors)
        {
            // CSP violations and script errors land here.
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    [Fact]
    public async Task Runs_a_query_typed_in_the_editor_with_autocompletion_and_ctrl_enter()
    {
        var (page, urls, errors, context) = await OpenAsync();
        await using var _ = context;

        var editor = page.Locator(".graphiql-query-editor .CodeMirror");
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.TypeAsync("{ hel");
        // Completion comes from the schema the IDE read by introspection.
        var hint = page.Locator(".CodeMirror-hints li", new PageLocatorOptions { HasText = "hello" });
        await hint.First.WaitForAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("(name: \"Browser\")");
        await page.Keyboard.PressAsync("Control+Enter");

        var result = await WaitForResponseAsync(page, "Hello, Browser!");
        Assert.Equal("Hello, Browser!", JsonDocument.Parse(result).RootElement.GetProperty("data").GetProperty("hello").GetString());
        AssertOnlyThisApp(urls, errors);
    }

    [Fact]
    public async Task Runs_a_query_with_the_run_button_sends_the_headers_and_keeps_history()
    {
        var (page, urls, errors, context) = await OpenAsync();
        await using var _ = context;

        await SetQueryAsync(page, "query Sale { event(id: \"1\") { name capacity } header(name: \"X-Tickr-Test\") }");
        await page.Locator(".graphiql-editor-tools button[data-name='headers']").ClickAsync();
        await page.EvaluateAsync("""
            () => {
              const editors = document.querySelectorAll('.graphiql-editor-tool .CodeMirror');
              editors[editors.length - 1].CodeMirror.setValue('{"X-Tickr-Test": "from-the-headers-editor"}');
            }
            """);
        Server.PostHeaders.Clear();
        await page.Locator(".graphiql-execute-button").ClickAsync();

        var data = JsonDocument.Parse(await WaitForResponseAsync(page, "Flash sale")).RootElement.GetProperty("data");
        var result = data.GetProperty("event");
        Assert.Equal("Flash sale", result.GetProperty("name").GetString());
        Assert.Equal(500, result.GetProperty("capacity").GetInt32());
        // The transport's request interceptor saw the header, and so did the resolver (through the request's HttpContext).
        Assert.Contains(Server.PostHeaders, h => h["X-Tickr-Test"] == "from-the-headers-editor");
        Assert.Equal("from-the-headers-editor", data.GetProperty("header").GetString());

        await page.Locator("button[aria-label='Show History']").ClickAsync();
        await page.Locator(".graphiql-history-item", new PageLocatorOptions { HasText = "Sale" }).First.WaitForAsync();
        AssertOnlyThisApp(urls, errors);
    }

    [Fact]
    public async Task Documents_the_schema()
    {
        var (page, urls, errors, context) = await OpenAsync();
        await using var _ = context;

        await page.Locator("button[aria-label='Show Documentation Explorer']").ClickAsync();
        var docs = page.Locator(".graphiql-doc-explorer");
        await docs.GetByText("Query", new LocatorGetByTextOptions { Exact = true }).First.ClickAsync();
        await docs.GetByText("Greets someone.").WaitForAsync();
        await docs.GetByText("event", new LocatorGetByTextOptions { Exact = true }).First.WaitForAsync();
        AssertOnlyThisApp(urls, errors);
    }

    [Fact]
    public async Task Runs_a_subscription_over_graphql_transport_ws_with_the_headers_as_connection_params()
    {
        var (page, urls, errors, context) = await OpenAsync();
        await using var _ = context;

        await SetQueryAsync(page, "subscription { countdown(from: 3) }");
        await page.Locator(".graphiql-editor-tools button[data-name='headers']").ClickAsync();
        await page.EvaluateAsync("""
            () => {
              const editors = document.querySelectorAll('.graphiql-editor-tool .CodeMirror');
              editors[editors.length - 1].CodeMirror.setValue('{"Authorization": "Bearer ide-test"}');
            }
            """);
        await page.Locator(".graphiql-execute-button").ClickAsync();

        // GraphiQL shows the latest event; 3 and 2 come first, then 1 and completion.
        var last = await WaitForResponseAsync(page, "\"countdown\": 1");
        Assert.Equal(1, JsonDocument.Parse(last).RootElement.GetProperty("data").GetProperty("countdown").GetInt32());
        // The transport's WebSocket authenticator got the headers editor's headers as the connection_init payload.
        Assert.Contains(Server.ConnectionInitPayloads, p => p.Contains("Bearer ide-test", StringComparison.Ordinal));
        lock (urls)
        {
            Assert.Contains(urls, u => u.StartsWith("ws://", StringComparison.Ordinal) && u.EndsWith("/graphql", StringComparison.Ordinal));
        }
        AssertOnlyThisApp(urls, errors);
    }

    [Fact]
    public async Task Shows_live_results_of_a_subscription_fed_by_mutations_run_from_another_ide_tab()
    {
        var (subscriber, subscriberUrls, subscriberErrors, subscriberContext) = await OpenAsync();
        await using var _ = subscriberContext;
        var (publisher, publisherUrls, publisherErrors, publisherContext) = await OpenAsync();
        await using var __ = publisherContext;
        var topic = "ide-" + Guid.NewGuid().ToString("N");

        await SetQueryAsync(subscriber, $"subscription Live {{ ticks(topic: \"{topic}\") }}");
        await subscriber.Locator(".graphiql-execute-button").ClickAsync();
        // Publish only once the subscription listens on the bus: the bus keeps no events for later subscribers.
        await Server.WaitForSubscriberAsync(topic).WaitAsync(TimeSpan.FromMilliseconds(Timeout));

        foreach (var value in new[] { 41, 42 })
        {
            // Aliased per value, so that the publisher tab's second response differs from its first.
            await SetQueryAsync(publisher, $"mutation {{ published{value}: publish(topic: \"{topic}\", value: {value}) }}");
            await publisher.Locator(".graphiql-execute-button").ClickAsync();
            var published = await WaitForResponseAsync(publisher, $"\"published{value}\": true");
            Assert.True(JsonDocument.Parse(published).RootElement.GetProperty("data").GetProperty($"published{value}").GetBoolean());

            // The subscription, still running, shows each event as it arrives.
            var shown = await WaitForResponseAsync(subscriber, $"\"ticks\": {value}");
            Assert.Equal(value, JsonDocument.Parse(shown).RootElement.GetProperty("data").GetProperty("ticks").GetInt32());
        }
        lock (subscriberUrls)
        {
            Assert.Contains(subscriberUrls, u => u.StartsWith("ws://", StringComparison.Ordinal) && u.EndsWith("/graphql", StringComparison.Ordinal));
        }
        AssertOnlyThisApp(subscriberUrls, subscriberErrors);
        AssertOnlyThisApp(publisherUrls, publisherErrors);
    }
}
