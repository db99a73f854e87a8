namespace Tickr.GraphQL.Types.Building;

/// <summary>Options of <see cref="SchemaBuilder"/>.</summary>
public sealed class SchemaBuilderOptions
{
    /// <summary>The schema description (printed above <c>schema { }</c>).</summary>
    public string? Description { get; set; }

    /// <summary>Read descriptions from XML documentation files next to the assemblies (default true).</summary>
    public bool UseXmlDocumentation { get; set; } = true;

    /// <summary>Name of the query root type (default <c>Query</c>).</summary>
    public string QueryTypeName { get; set; } = "Query";

    /// <summary>Name of the mutation root type (default <c>Mutation</c>).</summary>
    public string MutationTypeName { get; set; } = "Mutation";

    /// <summary>Name of the subscription root type (default <c>Subscription</c>).</summary>
    public string SubscriptionTypeName { get; set; } = "Subscription";

    /// <summary>Strip the leading <c>I</c> of C# interface names (<c>INode</c> → <c>Node</c>); default true.</summary>
    public bool StripInterfacePrefix { get; set; } = true;
}
