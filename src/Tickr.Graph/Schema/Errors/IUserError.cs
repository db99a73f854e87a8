using Tickr.GraphQL.Types.Building;

namespace Tickr.Graph.Schema.Errors;

/// <summary>
/// A business failure of a mutation, returned in its payload's <c>errors</c> (the top-level <c>errors</c> are for
/// client and server faults). Every error type implements it, so a client can always read <c>code</c> and
/// <c>message</c>, and match on the concrete type for the details.
/// </summary>
[InterfaceType("Error")]
[GraphQLDescription("A business failure of a mutation, in its payload's `errors`. `code` is stable and machine-readable; `message` is for people.")]
public interface IUserError
{
    /// <summary>Stable, machine-readable code (e.g. <c>NOT_FOUND</c>).</summary>
    [GraphQLDescription("Stable, machine-readable code, e.g. `NOT_FOUND`.")]
    string Code { get; }

    /// <summary>What went wrong, for people.</summary>
    [GraphQLDescription("What went wrong, in English, for people.")]
    string Message { get; }
}
