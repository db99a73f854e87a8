using Tickr.GraphQL.Types.Scalars;

namespace Tickr.GraphQL.Types;

/// <summary>The built-in scalars (spec: Int, Float, String, Boolean, ID; extended: DateTime, Date, Long, Decimal, UUID, URL).</summary>
public static partial class BuiltInScalars
{
    public static readonly ScalarType Int = new IntScalar();
    public static readonly ScalarType Float = new FloatScalar();
    public static readonly ScalarType String = new StringScalar();
    public static readonly ScalarType Boolean = new BooleanScalar();
    public static readonly ScalarType ID = new IdScalar();

    public static readonly ScalarType DateTime = new DateTimeScalar();
    public static readonly ScalarType Date = new DateScalar();
    public static readonly ScalarType Long = new LongScalar();
    public static readonly ScalarType Decimal = new DecimalScalar();
    public static readonly ScalarType UUID = new UuidScalar();
    public static readonly ScalarType URL = new UrlScalar();

    private static readonly ScalarType[] IntrospectedList = [String, Boolean];
    private static readonly ScalarType[] SpecifiedList = [Int, Float, String, Boolean, ID];
    private static readonly ScalarType[] ExtendedList = [DateTime, Date, Long, Decimal, UUID, URL];
    private static readonly ScalarType[] AllList = [.. SpecifiedList, .. ExtendedList];

    /// <summary>Scalars every schema contains because introspection needs them (String, Boolean).</summary>
    public static IReadOnlyList<ScalarType> Introspected => IntrospectedList;

    /// <summary>The five scalars the GraphQL specification defines (Int, Float, String, Boolean, ID).</summary>
    public static IReadOnlyList<ScalarType> Specified => SpecifiedList;

    /// <summary>Tickr's extended scalars (DateTime, Date, Long, Decimal, UUID, URL); printed in SDL like custom scalars.</summary>
    public static IReadOnlyList<ScalarType> Extended => ExtendedList;

    /// <summary>Every built-in scalar, specified first.</summary>
    public static IReadOnlyList<ScalarType> All => AllList;

    /// <summary>True for the names of the five specified scalars, which SDL printing omits.</summary>
    public static bool IsSpecified(string name) => name is "Int" or "Float" or "String" or "Boolean" or "ID";

    /// <summary>The built-in scalar named <paramref name="name"/>, or null.</summary>
    public static ScalarType? Find(string name)
    {
        foreach (var s in AllList)
        {
            if (s.Name == name) return s;
        }
        return null;
    }
}
