using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Language;

/// <summary>
/// Parses GraphQL source text (executable and type system documents, spec §2 and §3) into an AST.
/// Every failure is a <see cref="GraphQLSyntaxException"/> carrying the 1-based line and column of the problem.
/// </summary>
public static class Parser
{
    /// <summary>Parses a whole document: operations, fragments, type system definitions and extensions.</summary>
    public static DocumentNode Parse(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Parse(source.AsSpan(), options);
    }

    /// <summary>Parses a whole document held in a span (e.g. a slice of a request buffer).</summary>
    public static DocumentNode Parse(ReadOnlySpan<char> source, ParserOptions? options = null)
    {
        var parser = new DocumentParser(source, options ?? ParserOptions.Default);
        try
        {
            return parser.ParseDocument();
        }
        finally
        {
            parser.Release();
        }
    }

    /// <summary>Parses a single value literal, variables allowed (e.g. <c>[1, $x, {a: "b"}]</c>).</summary>
    public static ValueNode ParseValue(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new DocumentParser(source, options ?? ParserOptions.Default);
        try
        {
            return parser.ParseStandaloneValue(isConst: false);
        }
        finally
        {
            parser.Release();
        }
    }

    /// <summary>Parses a single constant value literal: variables are rejected.</summary>
    public static ValueNode ParseConstValue(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new DocumentParser(source, options ?? ParserOptions.Default);
        try
        {
            return parser.ParseStandaloneValue(isConst: true);
        }
        finally
        {
            parser.Release();
        }
    }

    /// <summary>Parses a type reference such as <c>[String!]!</c>.</summary>
    public static TypeNode ParseType(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new DocumentParser(source, options ?? ParserOptions.Default);
        try
        {
            return parser.ParseStandaloneType();
        }
        finally
        {
            parser.Release();
        }
    }
}
