using Tickr.Graph.Schema.Relay;
using Tickr.GraphQL;

namespace Tickr.Graph.Schema.Catalog;

/// <summary>Decoding ids received in arguments, with one error for a malformed or mistyped id.</summary>
public static class Ids
{
    /// <summary>The key of a <paramref name="typeName"/> id; a BAD_USER_INPUT error for anything else.</summary>
    public static Guid Require(string id, string typeName, string argument) =>
        GlobalId.TryDecode(id, typeName, out var key)
            ? key
            : throw new GraphQLException($"{argument}: '{id}' is not the id of a {typeName}.", ErrorCodes.BadUserInput);

    /// <inheritdoc cref="Require"/>
    public static Guid? Optional(string? id, string typeName, string argument) =>
        id is null ? null : Require(id, typeName, argument);
}
