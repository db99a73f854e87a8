namespace Tickr.GraphQL.Types.Building;

/// <summary>The resolver parameter receives the parent value (<see cref="Execution.IResolverContext.Parent"/>).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ParentAttribute : Attribute;

/// <summary>The resolver parameter is taken from the request's services; it is not a GraphQL argument.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ServiceAttribute : Attribute;
