using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>The schemas the conformance tests run against.</summary>
internal static class ConformanceSchemas
{
    /// <summary>The conformance schema (schema.graphql) built with our SDL schema builder.</summary>
    public static Schema FromSdlFile() => SdlSchemaBuilder.FromSdl(File.ReadAllText(ReferenceCorpus.SchemaPath));
}
