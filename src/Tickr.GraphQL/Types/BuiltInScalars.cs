namespace Tickr.GraphQL.Types;

/// <summary>The built-in scalars (spec: Int, Float, String, Boolean, ID; extended: DateTime, Date, Long, Decimal, UUID, URL).</summary>
public static partial class BuiltInScalars
{
    /// <summary>Scalars every schema contains because introspection needs them (String, Boolean).</summary>
    public static IReadOnlyList<ScalarType> Introspected => throw new NotImplementedException("types helper");
}
