namespace Tickr.GraphQL.Types.Building;

/// <summary>A code-first schema cannot be built; the message names the CLR type or member at fault.</summary>
public sealed class SchemaBuildException : Exception
{
    public SchemaBuildException() : base("The schema cannot be built.") { }

    public SchemaBuildException(string message) : base(message) { }

    public SchemaBuildException(string message, Exception innerException) : base(message, innerException) { }
}
