using Microsoft.AspNetCore.Builder;

namespace Tickr.GraphQL.AspNetCore.Ide;

/// <summary>Applies conventions (authorization, CORS, metadata…) to every endpoint that <c>MapGraphiQL</c> maps.</summary>
internal sealed class CompositeEndpointConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
{
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in builders)
        {
            builder.Add(convention);
        }
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in builders)
        {
            builder.Finally(finallyConvention);
        }
    }
}
