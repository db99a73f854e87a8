using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Types.Sdl;

public static partial class SdlSchemaBuilder
{
    /// <summary>
    /// SDL is trusted server input and real schemas run to hundreds of thousands of tokens, so only nesting depth is
    /// bounded (it protects the recursive-descent parser's stack).
    /// </summary>
    private static readonly Language.ParserOptions SdlParserOptions = new() { MaxTokens = int.MaxValue };

    /// <summary>Parses <paramref name="sdl"/> and builds the schema it describes.</summary>
    public static Schema FromSdl(string sdl, SdlBuildOptions? options = null)
    {
        DocumentNode document;
        try
        {
            document = Language.Parser.Parse(sdl, options?.ParserOptions ?? SdlParserOptions);
        }
        catch (GraphQLSyntaxException ex)
        {
            throw new SchemaException([ex.Error]);
        }
        return FromDocument(document, options);
    }
}
