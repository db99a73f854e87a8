using Tickr.GraphQL.Types;
using SdlSchemaBuilder = Tickr.GraphQL.Types.Sdl.SchemaBuilder;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>The schemas the conformance tests run against.</summary>
internal static class ConformanceSchemas
{
    /// <summary>The conformance schema (schema.graphql) built with our SDL schema builder.</summary>
    public static Schema FromSdlFile() => SdlSchemaBuilder.FromSdl(File.ReadAllText(ReferenceCorpus.SchemaPath));
}
