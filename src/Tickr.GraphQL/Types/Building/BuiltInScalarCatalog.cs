using System.Reflection;

namespace Tickr.GraphQL.Types.Building;

/// <summary>
/// The scalar instances published by <see cref="BuiltInScalars"/>, found once by looking at its static members
/// (so the builder follows whatever the type system exposes, by scalar name).
/// </summary>
internal static class BuiltInScalarCatalog
{
    private static IReadOnlyList<ScalarType>? _all;

    public static IReadOnlyList<ScalarType> All => _all ??= Discover();

    private static List<ScalarType> Discover()
    {
        var found = new List<ScalarType>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
        foreach (var member in typeof(BuiltInScalars).GetMembers(flags))
        {
            object? value;
            try
            {
                value = member switch
                {
                    PropertyInfo { CanRead: true } p when p.GetIndexParameters().Length == 0 => p.GetValue(null),
                    FieldInfo f => f.GetValue(null),
                    _ => null,
                };
            }
            catch (TargetInvocationException)
            {
                continue; // a member that is not implemented yet publishes nothing
            }
            switch (value)
            {
                case ScalarType s:
                    if (names.Add(s.Name)) found.Add(s);
                    break;
                case IEnumerable<ScalarType> list:
                    foreach (var s in list)
                    {
                        if (names.Add(s.Name)) found.Add(s);
                    }
                    break;
            }
        }
        return found;
    }
}
