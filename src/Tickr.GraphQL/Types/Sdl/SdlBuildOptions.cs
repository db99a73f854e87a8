using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Types.Sdl;

/// <summary>How <c>SdlSchemaBuilder.FromSdl</c> attaches behaviour to the types it builds.</summary>
public sealed class SdlBuildOptions
{
    /// <summary>
    /// Resolvers by schema coordinate, e.g. <c>Resolvers["Query.hello"] = ...</c>. Fields without one use the default
    /// resolver (dictionary entry or property named like the field).
    /// </summary>
    public IDictionary<string, FieldResolver> Resolvers { get; } = new Dictionary<string, FieldResolver>(StringComparer.Ordinal);

    /// <summary>Subscription source streams by coordinate, e.g. <c>Subscribers["Subscription.ticks"]</c>.</summary>
    public IDictionary<string, SubscribeResolver> Subscribers { get; } = new Dictionary<string, SubscribeResolver>(StringComparer.Ordinal);

    /// <summary>
    /// Type resolution for interfaces and unions by type name. Without one, a dictionary value's <c>__typename</c>
    /// entry names its object type (then the executor's IsTypeOf / CLR type fallbacks apply).
    /// </summary>
    public IDictionary<string, Func<object, Schema, ObjectType?>> TypeResolvers { get; } = new Dictionary<string, Func<object, Schema, ObjectType?>>(StringComparer.Ordinal);

    /// <summary>
    /// Implementations of custom scalars by name. A scalar declared in the SDL and not given here behaves as a
    /// pass-through scalar (any value accepted and written as is); the extended built-in scalars (DateTime, Date,
    /// Long, Decimal, UUID, URL) keep their built-in behaviour.
    /// </summary>
    public IDictionary<string, ScalarType> Scalars { get; } = new Dictionary<string, ScalarType>(StringComparer.Ordinal);

    /// <summary>Parser limits for the SDL; by default no token limit and the parser's default nesting depth.</summary>
    public Language.ParserOptions? ParserOptions { get; set; }
}
