using System.Diagnostics.CodeAnalysis;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.Types.Scalars;

/// <summary>
/// A scalar whose values travel as strings and live as <typeparamref name="T"/> at run time (Date, DateTime, UUID,
/// URL). Literals must be strings that parse; variables may be such strings or a <typeparamref name="T"/> already;
/// results are the canonical string form of a <typeparamref name="T"/>, of a string that parses, or of another
/// runtime value the scalar knows how to convert.
/// </summary>
public abstract class StringBackedScalar<T>(string name) : ScalarType(name)
    where T : notnull
{
    /// <summary>Parses the string form; false when it is not a valid value of the scalar.</summary>
    protected abstract bool TryParseString(string s, [MaybeNullWhen(false)] out T value);

    /// <summary>The canonical string form of a value (what results carry).</summary>
    protected abstract string FormatValue(T value);

    /// <summary>Whether a value that is already a <typeparamref name="T"/> is valid (e.g. URL refuses relative URIs).</summary>
    protected virtual bool IsValid(T value) => true;

    /// <summary>Converts a resolver value of another type (neither <typeparamref name="T"/> nor string) for results.</summary>
    protected virtual bool TryConvertRuntimeValue(object runtimeValue, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        return false;
    }

    /// <summary>
    /// What an invalid string is called in errors ("date", "date-time"). When set, errors tell a non-string input
    /// (<c>Date cannot represent a non string value: 1</c>) from an invalid string
    /// (<c>Date cannot represent an invalid date string "x".</c>); when null, the plain
    /// <c>{Name} cannot represent value: …</c> wording is used.
    /// </summary>
    protected virtual string? InvalidStringKind => null;

    public override bool TryParseLiteral(ValueNode literal, out object? value)
    {
        if (literal is StringValueNode s && TryParseString(s.Value, out var parsed))
        {
            value = parsed;
            return true;
        }
        value = null;
        return false;
    }

    public override bool TryParseValue(object externalValue, out object? value)
    {
        switch (externalValue)
        {
            case string s when TryParseString(s, out var parsed):
                value = parsed;
                return true;
            case T t when IsValid(t):
                value = externalValue;
                return true;
            default:
                value = null;
                return false;
        }
    }

    public override bool TrySerialize(object runtimeValue, out object? resultValue)
    {
        switch (runtimeValue)
        {
            case T t when IsValid(t):
                resultValue = FormatValue(t);
                return true;
            case string s when TryParseString(s, out var parsed):
                resultValue = FormatValue(parsed);
                return true;
            case not T and not string when TryConvertRuntimeValue(runtimeValue, out var converted):
                resultValue = FormatValue(converted);
                return true;
            default:
                resultValue = null;
                return false;
        }
    }

    public override ValueNode ValueToLiteral(object runtimeValue) => ScalarHelpers.SerializeToLiteral(this, runtimeValue);

    public override string DescribeLiteralError(ValueNode literal) =>
        DescribeInputError(literal is StringValueNode, LiteralPrinter.Print(literal));

    public override string DescribeValueError(object externalValue) =>
        DescribeInputError(externalValue is string, JsFormat.Inspect(externalValue));

    private string DescribeInputError(bool isString, string printed) =>
        InvalidStringKind is not { } kind ? $"{Name} cannot represent value: {printed}"
        : isString ? $"{Name} cannot represent an invalid {kind} string {printed}."
        : $"{Name} cannot represent a non string value: {printed}";
}
