using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Types.Sdl;

public static partial class SchemaBuilder
{
    /// <summary>Parses <paramref name="sdl"/> and builds the schema it describes.</summary>
    public static Schema FromSdl(string sdl, SdlBuildOptions? options = null)
    {
        DocumentNode document;
        try
        {
            document = Language.Parser.Parse(sdl);
        }
        catch (GraphQLSyntaxException ex)
        {
            throw new SchemaException([ex.Error]);
        }
        return FromDocument(document, options);
    }
}
