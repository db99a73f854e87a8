namespace Tickr.GraphQL.AspNetCore.Ide;

/// <summary>Settings of the built-in GraphQL IDE (GraphiQL) served by <see cref="GraphiQLPage"/>.</summary>
public sealed class GraphiQLOptions
{
    /// <summary>
    /// Whether the IDE is served. <see langword="null"/> (the default) means on in every environment except
    /// Production, where the IDE would expose the schema explorer to anyone: enable it there explicitly.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>The page title.</summary>
    public string Title { get; set; } = "Tickr GraphQL";

    /// <summary>The operation shown in a new editor tab; <see langword="null"/> keeps GraphiQL's own welcome text.</summary>
    public string? DefaultQuery { get; set; }

    /// <summary>Whether the request-headers editor is shown (to send <c>Authorization</c> and the like).</summary>
    public bool HeaderEditorEnabled { get; set; } = true;

    /// <summary>
    /// Whether subscriptions run over <c>graphql-transport-ws</c> at <c>ws(s)://{host}{path}</c>. When off, subscription
    /// operations are sent over HTTP like any other, which suits servers that stream them as server-sent events.
    /// </summary>
    public bool SubscriptionsEnabled { get; set; } = true;
}
