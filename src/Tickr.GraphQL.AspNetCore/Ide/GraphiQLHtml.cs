using System.Net;
using System.Text;
using System.Text.Json;

namespace Tickr.GraphQL.AspNetCore.Ide;

/// <summary>Renders the IDE's HTML shell: the stylesheets, the scripts in load order and the settings for tickr-ide.js.</summary>
internal static class GraphiQLHtml
{
    /// <summary>
    /// Allows only this origin (scripts, styles, fetches and the WebSocket), so the page provably loads nothing from
    /// elsewhere. Inline styles are needed by GraphiQL's editors and popovers; fonts and icons are inline data URIs.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The page for the GraphQL endpoint at <paramref name="endpoint"/>, an absolute path (path base included).</summary>
    public static string Render(string endpoint, GraphiQLOptions options)
    {
        var assets = endpoint.TrimEnd('/') + "/" + GraphiQLPage.AssetSegment + "/";
        var settings = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["endpoint"] = endpoint,
            ["subscriptions"] = options.SubscriptionsEnabled,
            ["headerEditor"] = options.HeaderEditorEnabled,
            ["defaultQuery"] = options.DefaultQuery,
        });

        var html = new StringBuilder(2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"robots\" content=\"noindex\">\n")
            // An empty inline icon: otherwise the browser asks the app for /favicon.ico, which it may not have.
            .Append("<link rel=\"icon\" href=\"data:,\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(options.Title)).Append("</title>\n");
        Link(html, assets, GraphiQLAssets.GraphiQLStyle);
        Link(html, assets, GraphiQLAssets.TickrStyle);
        html.Append("</head>\n<body>\n")
            .Append("<div id=\"graphiql\"><p class=\"tickr-ide-loading\">Loading the GraphQL IDE…</p></div>\n")
            // A JSON data block, not an inline script, keeps script-src 'self'. The serializer escapes < > & so the
            // block cannot be closed early by a crafted value.
            .Append("<script id=\"tickr-ide-settings\" type=\"application/json\">").Append(settings).Append("</script>\n");
        Script(html, assets, GraphiQLAssets.React);
        Script(html, assets, GraphiQLAssets.ReactDom);
        Script(html, assets, GraphiQLAssets.GraphiQLScript);
        Script(html, assets, GraphiQLAssets.GraphQLWs);
        Script(html, assets, GraphiQLAssets.TickrScript);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Link(StringBuilder html, string assets, string name) =>
        html.Append("<link rel=\"stylesheet\" href=\"").Append(Url(assets, name)).Append("\">\n");

    private static void Script(StringBuilder html, string assets, string name) =>
        html.Append("<script src=\"").Append(Url(assets, name)).Append("\"></script>\n");

    // The content hash in the query makes each URL immutable, so the files can be cached for a year.
    private static string Url(string assets, string name) =>
        WebUtility.HtmlEncode(assets + name + "?v=" + GraphiQLAssets.Get(name).Version);
}
