using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Types;

/// <summary>
/// A scalar type: how values enter (literals in documents, JSON-like values in variables) and leave (results).
/// Input values from variables are JSON-like .NET values: null, bool, string, long, double, decimal,
/// IReadOnlyDictionary&lt;string, object?&gt; and IReadOnlyList&lt;object?&gt;.
/// </summary>
public abstract class ScalarType(string name) : NamedType(name)
{
    public override TypeKind Kind => TypeKind.Scalar;

    /// <summary>URL of the scalar's specification (<c>@specifiedBy</c>); null for built-in scalars.</summary>
    public string? SpecifiedByUrl { get; set; }

    /// <summary>Coerces a literal (never a variable, never null) into the runtime value. False when invalid.</summary>
    public abstract bool TryParseLiteral(ValueNode literal, out object? value);

    /// <summary>Coerces a non-null variable value (JSON-like) into the runtime value. False when invalid.</summary>
    public abstract bool TryParseValue(object externalValue, out object? value);

    /// <summary>
    /// Serializes a non-null runtime value into a result value (string, bool, int, long, double, decimal).
    /// False when the value cannot be represented; the executor turns that into a field error.
    /// </summary>
    public abstract bool TrySerialize(object runtimeValue, out object? resultValue);

    /// <summary>Turns a runtime value back into a literal (default values in introspection and SDL).</summary>
    public abstract ValueNode ValueToLiteral(object runtimeValue);

    /// <summary>Message explaining why a value was refused (used in coercion errors).</summary>
    public virtual string DescribeExpected() => $"a valid {Name}";

    /// <summary>
    /// Why <see cref="TryParseLiteral"/> refused <paramref name="literal"/>, worded as graphql-js words it
    /// (e.g. <c>Int cannot represent non-integer value: "abc"</c>). Only called on the failure path.
    /// </summary>
    public virtual string DescribeLiteralError(ValueNode literal) =>
        $"{Name} cannot represent value: {Utilities.LiteralPrinter.Print(literal)}";

    /// <summary>Why <see cref="TryParseValue"/> refused a variable value (graphql-js wording).</summary>
    public virtual string DescribeValueError(object externalValue) =>
        $"{Name} cannot represent value: {Utilities.JsFormat.Inspect(externalValue)}";

    /// <summary>Why <see cref="TrySerialize"/> refused a resolver's value (graphql-js wording).</summary>
    public virtual string DescribeSerializeError(object runtimeValue) =>
        $"{Name} cannot represent value: {Utilities.JsFormat.Inspect(runtimeValue)}";
}
