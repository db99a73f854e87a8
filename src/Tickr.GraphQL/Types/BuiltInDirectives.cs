namespace Tickr.GraphQL.Types;

/// <summary>@skip, @include, @deprecated, @specifiedBy, @oneOf.</summary>
public static partial class BuiltInDirectives
{
    public static IReadOnlyList<DirectiveType> All => throw new NotImplementedException("types helper");
}
