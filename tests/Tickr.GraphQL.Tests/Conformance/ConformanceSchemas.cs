using Tickr.GraphQL.Language;
using Tickr.GraphQL.Types;
using SdlSchemaBuilder = Tickr.GraphQL.Types.Sdl.SchemaBuilder;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>The schemas the conformance tests run against.</summary>
internal static class ConformanceSchemas
{
    /// <summary>The conformance schema (schema.graphql) built with our SDL schema builder.</summary>
    public static Schema FromSdlFile() =>
        SdlSchemaBuilder.FromDocument(Parser.Parse(File.ReadAllText(ReferenceCorpus.SchemaPath)));
}
