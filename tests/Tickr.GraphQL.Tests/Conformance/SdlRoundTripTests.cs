namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>
/// The conformance schema goes through our SDL builder, our introspection, graphql-js buildClientSchema and
/// printSchema; the SDL graphql-js prints must be exactly what our printer prints.
/// </summary>
public sealed class SdlRoundTripTests
{
    [Fact]
    public Task Schema_built_from_SDL_prints_as_graphql_js_prints_it_from_our_introspection() =>
        EngineHarness.AssertIntrospectionRoundTripAsync(ConformanceSchemas.FromSdlFile());
}
