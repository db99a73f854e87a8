namespace Tickr.GraphQL.Language;

/// <summary>Limits and switches for <see cref="Parser"/>.</summary>
public sealed class ParserOptions
{
    /// <summary>The options used when none are given: 15,000 tokens, depth 200, locations recorded.</summary>
    public static ParserOptions Default { get; } = new();

    /// <summary>
    /// Parsing stops with <see cref="ErrorCodes.MaxTokensExceeded"/> once a document has more tokens than this
    /// (comments and the end of file excluded), bounding the work a hostile document can cause.
    /// </summary>
    public int MaxTokens { get; init; } = 15000;

    /// <summary>Deepest nesting of selection sets, list/object values and list types the parser accepts.</summary>
    public int MaxDepth { get; init; } = 200;

    /// <summary>When true, nodes carry no <see cref="Ast.Location"/>.</summary>
    public bool NoLocations { get; init; }
}
