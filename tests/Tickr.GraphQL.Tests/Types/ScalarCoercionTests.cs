using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Tests.Types;

/// <summary>Input (literal and variable) and result coercion of the built-in scalars, spec §3.5 and graphql-js.</summary>
public class ScalarCoercionTests
{
    private static IntValueNode IntLit(string v) => new() { Value = v };
    private static FloatValueNode FloatLit(string v) => new() { Value = v };
    private static StringValueNode StrLit(string v) => new() { Value = v };
    private static EnumValueNode EnumLit(string v) => new() { Value = v };

    private static object? Literal(ScalarType s, ValueNode node)
    {
        Assert.True(s.TryParseLiteral(node, out var v), $"{s.Name} should accept {node.Kind}");
        return v;
    }

    private static void RefusesLiteral(ScalarType s, ValueNode node, string message)
    {
        Assert.False(s.TryParseLiteral(node, out _));
        Assert.Equal(message, s.DescribeLiteralError(node));
    }

    private static object? Value(ScalarType s, object input)
    {
        Assert.True(s.TryParseValue(input, out var v), $"{s.Name} should accept variable value {input}");
        return v;
    }

    private static void RefusesValue(ScalarType s, object input, string message)
    {
        Assert.False(s.TryParseValue(input, out _));
        Assert.Equal(message, s.DescribeValueError(input));
    }

    private static object? Serialize(ScalarType s, object runtime)
    {
        Assert.True(s.TrySerialize(runtime, out var v), $"{s.Name} should serialize {runtime}");
        return v;
    }

    private static void RefusesSerialize(ScalarType s, object runtime, string message)
    {
        Assert.False(s.TrySerialize(runtime, out _));
        Assert.Equal(message, s.DescribeSerializeError(runtime));
    }

    [Fact]
    public void Int_accepts_only_32_bit_IntValue_literals()
    {
        var s = BuiltInScalars.Int;
        Assert.Equal(123, Literal(s, IntLit("123")));
        Assert.Equal(-2147483648, Literal(s, IntLit("-2147483648")));
        Assert.Equal(2147483647, Literal(s, IntLit("2147483647")));
        RefusesLiteral(s, IntLit("2147483648"), "Int cannot represent non 32-bit signed integer value: 2147483648");
        RefusesLiteral(s, FloatLit("1.0"), "Int cannot represent non-integer value: 1.0");
        RefusesLiteral(s, StrLit("1"), "Int cannot represent non-integer value: \"1\"");
        RefusesLiteral(s, BooleanValueNode.True, "Int cannot represent non-integer value: true");
        RefusesLiteral(s, EnumLit("ONE"), "Int cannot represent non-integer value: ONE");
    }

    [Fact]
    public void Int_accepts_integral_variable_values_within_range()
    {
        var s = BuiltInScalars.Int;
        Assert.Equal(5, Value(s, 5));
        Assert.Equal(5, Value(s, 5L));
        Assert.Equal(5, Value(s, 5.0));
        Assert.Equal(5, Value(s, 5.0m));
        RefusesValue(s, 5.5, "Int cannot represent non-integer value: 5.5");
        RefusesValue(s, 1e10, "Int cannot represent non 32-bit signed integer value: 10000000000");
        RefusesValue(s, 2147483648L, "Int cannot represent non 32-bit signed integer value: 2147483648");
        RefusesValue(s, "5", "Int cannot represent non-integer value: \"5\"");
        RefusesValue(s, true, "Int cannot represent non-integer value: true");
        RefusesValue(s, double.NaN, "Int cannot represent non-integer value: NaN");
    }

    [Fact]
    public void Int_serializes_integral_numbers_booleans_and_numeric_strings_as_graphql_js_does()
    {
        var s = BuiltInScalars.Int;
        Assert.Equal(7, Serialize(s, 7));
        Assert.Equal(7, Serialize(s, (short)7));
        Assert.Equal(7, Serialize(s, (byte)7));
        Assert.Equal(7, Serialize(s, 7L));
        Assert.Equal(7, Serialize(s, 7.0));
        Assert.Equal(1, Serialize(s, true));
        Assert.Equal(0, Serialize(s, false));
        Assert.Equal(123, Serialize(s, "123"));
        Assert.Equal(-1, Serialize(s, " -1 "));
        Assert.Equal(100, Serialize(s, "1e2"));
        RefusesSerialize(s, 0.1, "Int cannot represent non-integer value: 0.1");
        RefusesSerialize(s, 1e100, "Int cannot represent non 32-bit signed integer value: 1e+100");
        RefusesSerialize(s, "1.5", "Int cannot represent non-integer value: \"1.5\"");
        RefusesSerialize(s, "", "Int cannot represent non-integer value: \"\"");
        RefusesSerialize(s, "abc", "Int cannot represent non-integer value: \"abc\"");
        RefusesSerialize(s, double.PositiveInfinity, "Int cannot represent non-integer value: Infinity");
        RefusesSerialize(s, 9876504321L, "Int cannot represent non 32-bit signed integer value: 9876504321");
    }

    [Fact]
    public void Float_accepts_int_and_float_literals_and_finite_numbers()
    {
        var s = BuiltInScalars.Float;
        Assert.Equal(1.5, Literal(s, FloatLit("1.5")));
        Assert.Equal(2.0, Literal(s, IntLit("2")));
        Assert.Equal(1e3, Literal(s, FloatLit("1e3")));
        RefusesLiteral(s, StrLit("1.5"), "Float cannot represent non numeric value: \"1.5\"");
        RefusesLiteral(s, FloatLit("1e400"), "Float cannot represent non numeric value: 1e400");
        Assert.Equal(3.0, Value(s, 3L));
        Assert.Equal(0.25, Value(s, 0.25));
        Assert.Equal(0.5, Value(s, 0.5m));
        RefusesValue(s, "1", "Float cannot represent non numeric value: \"1\"");
        RefusesValue(s, double.NaN, "Float cannot represent non numeric value: NaN");
        Assert.Equal(1.0, Serialize(s, true));
        Assert.Equal(2.5, Serialize(s, "2.5"));
        Assert.Equal(4.0, Serialize(s, 4));
        RefusesSerialize(s, double.NegativeInfinity, "Float cannot represent non numeric value: -Infinity");
        RefusesSerialize(s, "x", "Float cannot represent non numeric value: \"x\"");
    }

    [Fact]
    public void String_accepts_only_strings_but_serializes_booleans_and_numbers_as_text()
    {
        var s = BuiltInScalars.String;
        Assert.Equal("abc", Literal(s, StrLit("abc")));
        Assert.Equal("", Literal(s, new StringValueNode { Value = "", Block = true }));
        RefusesLiteral(s, IntLit("1"), "String cannot represent a non string value: 1");
        RefusesLiteral(s, new ListValueNode { Values = [StrLit("a")] }, "String cannot represent a non string value: [\"a\"]");
        Assert.Equal("x", Value(s, "x"));
        RefusesValue(s, 1L, "String cannot represent a non string value: 1");
        RefusesValue(s, new Dictionary<string, object?> { ["a"] = 1L }, "String cannot represent a non string value: { a: 1 }");
        Assert.Equal("true", Serialize(s, true));
        Assert.Equal("42", Serialize(s, 42));
        Assert.Equal("-1.5", Serialize(s, -1.5));
        Assert.Equal("1e+21", Serialize(s, 1e21));
        Assert.Equal("c", Serialize(s, 'c'));
        RefusesSerialize(s, double.NaN, "String cannot represent value: NaN");
        RefusesSerialize(s, new List<object?> { 1L, "a" }, "String cannot represent value: [1, \"a\"]");
    }

    [Fact]
    public void Boolean_accepts_only_booleans_but_serializes_numbers_by_truthiness()
    {
        var s = BuiltInScalars.Boolean;
        Assert.Equal(true, Literal(s, BooleanValueNode.True));
        RefusesLiteral(s, IntLit("1"), "Boolean cannot represent a non boolean value: 1");
        RefusesLiteral(s, EnumLit("TRUE"), "Boolean cannot represent a non boolean value: TRUE");
        Assert.Equal(false, Value(s, false));
        RefusesValue(s, 0L, "Boolean cannot represent a non boolean value: 0");
        RefusesValue(s, "true", "Boolean cannot represent a non boolean value: \"true\"");
        Assert.Equal(true, Serialize(s, 1));
        Assert.Equal(false, Serialize(s, 0.0));
        RefusesSerialize(s, "false", "Boolean cannot represent a non boolean value: \"false\"");
    }

    [Fact]
    public void ID_accepts_strings_and_integers_and_serializes_them_as_strings()
    {
        var s = BuiltInScalars.ID;
        Assert.Equal("abc", Literal(s, StrLit("abc")));
        Assert.Equal("123", Literal(s, IntLit("123")));
        RefusesLiteral(s, FloatLit("1.5"), "ID cannot represent a non-string and non-integer value: 1.5");
        RefusesLiteral(s, BooleanValueNode.True, "ID cannot represent a non-string and non-integer value: true");
        Assert.Equal("7", Value(s, 7L));
        Assert.Equal("7", Value(s, 7.0));
        Assert.Equal("x", Value(s, "x"));
        RefusesValue(s, 7.5, "ID cannot represent value: 7.5");
        RefusesValue(s, true, "ID cannot represent value: true");
        Assert.Equal("12", Serialize(s, 12));
        Assert.Equal("9007199254740993", Serialize(s, 9007199254740993L));
        var g = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", Serialize(s, g));
        RefusesSerialize(s, 1.5, "ID cannot represent value: 1.5");
        RefusesSerialize(s, true, "ID cannot represent value: true");
    }

    [Fact]
    public void DateTime_requires_rfc3339_with_offset_and_serializes_with_milliseconds()
    {
        var s = BuiltInScalars.DateTime;
        var parsed = (DateTimeOffset)Literal(s, StrLit("2024-02-29T23:59:58.1234567Z"))!;
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.Zero).AddTicks(1234567), parsed);
        var withOffset = (DateTimeOffset)Value(s, "2024-05-01T12:15:30+02:00")!;
        Assert.Equal(TimeSpan.FromHours(2), withOffset.Offset);
        Assert.Equal("2024-05-01T12:15:30.000+02:00", Serialize(s, withOffset));
        Assert.Equal("2024-02-29T23:59:58.123Z", Serialize(s, parsed));
        Assert.Equal("2020-01-02T03:04:05.000Z", Serialize(s, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
        Assert.Equal("2024-01-01t00:00:00z", ((StringValueNode)StrLit("2024-01-01t00:00:00z")).Value);
        Assert.True(s.TryParseLiteral(StrLit("2024-01-01t00:00:00z"), out _));
        foreach (var bad in new[] { "2024-01-01", "2024-01-01T00:00:00", "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:60Z", "2024-1-01T00:00:00Z", "2024-01-01T00:00:00+2:00", "2024-01-01T00:00:00.Z", "not a date" })
        {
            Assert.False(s.TryParseLiteral(StrLit(bad), out _), bad);
            Assert.False(s.TryParseValue(bad, out _), bad);
        }
        RefusesLiteral(s, IntLit("1"), "DateTime cannot represent a non string value: 1");
        Assert.Equal("https://scalars.graphql.org/andimarek/date-time", s.SpecifiedByUrl);
        Assert.NotNull(s.Description);
    }

    [Fact]
    public void Date_is_a_full_date_and_refuses_invalid_days()
    {
        var s = BuiltInScalars.Date;
        Assert.Equal(new DateOnly(2024, 2, 29), Literal(s, StrLit("2024-02-29")));
        Assert.Equal("2024-03-01", Serialize(s, new DateOnly(2024, 3, 1)));
        Assert.Equal("2024-03-01", Serialize(s, new DateTime(2024, 3, 1, 10, 0, 0)));
        foreach (var bad in new[] { "2023-02-29", "2024-13-01", "2024-01-01T00:00:00Z", "24-01-01", "" })
        {
            Assert.False(s.TryParseValue(bad, out _), bad);
        }
        RefusesValue(s, 20240101L, "Date cannot represent a non string value: 20240101");
    }

    [Fact]
    public void Long_is_a_64_bit_integer_written_as_a_number()
    {
        var s = BuiltInScalars.Long;
        Assert.Equal(9223372036854775807L, Literal(s, IntLit("9223372036854775807")));
        RefusesLiteral(s, IntLit("9223372036854775808"), "Long cannot represent non 64-bit signed integer value: 9223372036854775808");
        RefusesLiteral(s, FloatLit("1.0"), "Long cannot represent non-integer value: 1.0");
        RefusesLiteral(s, StrLit("1"), "Long cannot represent non-integer value: \"1\"");
        Assert.Equal(5L, Value(s, 5L));
        Assert.Equal(5L, Value(s, 5.0));
        RefusesValue(s, 5.5, "Long cannot represent non-integer value: 5.5");
        RefusesValue(s, 1e19, "Long cannot represent non 64-bit signed integer value: 10000000000000000000");
        Assert.Equal(3L, Serialize(s, 3));
        Assert.Equal(4000000000L, Serialize(s, 4000000000u));
        Assert.IsType<long>(Serialize(s, 1));
        RefusesSerialize(s, ulong.MaxValue, "Long cannot represent non 64-bit signed integer value: 18446744073709551615");
    }

    [Fact]
    public void Decimal_keeps_exact_digits_from_literals_and_numbers()
    {
        var s = BuiltInScalars.Decimal;
        Assert.Equal(0.1m, Literal(s, FloatLit("0.1")));
        Assert.Equal(12m, Literal(s, IntLit("12")));
        Assert.Equal(1500m, Literal(s, FloatLit("1.5e3")));
        Assert.Equal(0.1m, Value(s, 0.1));
        Assert.Equal(7m, Value(s, 7L));
        RefusesLiteral(s, StrLit("1.0"), "Decimal cannot represent non decimal value: \"1.0\"");
        RefusesLiteral(s, FloatLit("1e40"), "Decimal cannot represent non decimal value: 1e40");
        RefusesValue(s, "1", "Decimal cannot represent non decimal value: \"1\"");
        RefusesValue(s, double.NaN, "Decimal cannot represent non decimal value: NaN");
        Assert.Equal(19.99m, Serialize(s, 19.99m));
        Assert.Equal("1.5", ((FloatValueNode)s.ValueToLiteral(1.50m)).Value);
        Assert.Equal("2", ((IntValueNode)s.ValueToLiteral(2.00m)).Value);
    }

    [Fact]
    public void UUID_and_URL_parse_strings_into_Guid_and_Uri()
    {
        var g = Guid.Parse("123e4567-e89b-12d3-a456-426614174000");
        Assert.Equal(g, Literal(BuiltInScalars.UUID, StrLit("123E4567-E89B-12D3-A456-426614174000")));
        Assert.Equal(g, Value(BuiltInScalars.UUID, "123e4567e89b12d3a456426614174000"));
        Assert.Equal("123e4567-e89b-12d3-a456-426614174000", Serialize(BuiltInScalars.UUID, g));
        Assert.False(BuiltInScalars.UUID.TryParseValue("123e4567", out _));
        Assert.False(BuiltInScalars.UUID.TryParseLiteral(IntLit("1"), out _));

        Assert.Equal(new Uri("https://example.com/a?b=c"), Literal(BuiltInScalars.URL, StrLit("https://example.com/a?b=c")));
        Assert.Equal("https://example.com/", Serialize(BuiltInScalars.URL, new Uri("https://EXAMPLE.com")));
        foreach (var bad in new[] { "/relative/path", "example.com", "", "1http://x" })
        {
            Assert.False(BuiltInScalars.URL.TryParseValue(bad, out _), bad);
        }
        Assert.False(BuiltInScalars.URL.TrySerialize(new Uri("/x", UriKind.Relative), out _));
    }

    [Fact]
    public void ValueToLiteral_mirrors_graphql_js_astFromValue()
    {
        Assert.Equal("1", ((IntValueNode)BuiltInScalars.Float.ValueToLiteral(1.0)).Value);
        Assert.Equal("1.5", ((FloatValueNode)BuiltInScalars.Float.ValueToLiteral(1.5)).Value);
        Assert.Equal("1e+21", ((FloatValueNode)BuiltInScalars.Float.ValueToLiteral(1e21)).Value);
        Assert.Equal("42", ((IntValueNode)BuiltInScalars.ID.ValueToLiteral("42")).Value);
        Assert.Equal("042", ((StringValueNode)BuiltInScalars.ID.ValueToLiteral("042")).Value);
        Assert.Equal("abc", ((StringValueNode)BuiltInScalars.String.ValueToLiteral("abc")).Value);
        Assert.True(((BooleanValueNode)BuiltInScalars.Boolean.ValueToLiteral(true)).Value);
        Assert.Equal("2024-01-02", ((StringValueNode)BuiltInScalars.Date.ValueToLiteral(new DateOnly(2024, 1, 2))).Value);
        Assert.Throws<ArgumentException>(() => BuiltInScalars.Int.ValueToLiteral("abc"));
    }

    [Fact]
    public void Every_builtin_scalar_has_a_description_and_only_the_five_spec_scalars_count_as_specified()
    {
        Assert.All(BuiltInScalars.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Description)));
        Assert.Equal(["Int", "Float", "String", "Boolean", "ID"], BuiltInScalars.Specified.Select(s => s.Name));
        Assert.Equal(["DateTime", "Date", "Long", "Decimal", "UUID", "URL"], BuiltInScalars.Extended.Select(s => s.Name));
        Assert.Equal(["String", "Boolean"], BuiltInScalars.Introspected.Select(s => s.Name));
    }
}
