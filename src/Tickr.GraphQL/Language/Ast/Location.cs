namespace Tickr.GraphQL.Language.Ast;

/// <summary>
/// Where a node sits in its source: character offsets [Start, End) and the 1-based line and column of Start.
/// </summary>
public readonly record struct Location(int Start, int End, int Line, int Column);

/// <summary>A 1-based line and column, the shape GraphQL errors report in <c>locations</c>.</summary>
public readonly record struct SourceLocation(int Line, int Column);
