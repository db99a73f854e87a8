namespace Tickr.GraphQL.Types;

/// <summary>An input object type, optionally <c>@oneOf</c>.</summary>
public sealed class InputObjectType(string name) : NamedType(name)
{
    public override TypeKind Kind => TypeKind.InputObject;
    public FieldCollection<InputValue> Fields { get; } = new();

    /// <summary>A OneOf input object: exactly one field must be given, and it must not be null.</summary>
    public bool IsOneOf { get; set; }

    /// <summary>CLR type the coerced value is turned into (schemas built from C#); null keeps a dictionary.</summary>
    public Type? RuntimeType { get; set; }

    /// <summary>
    /// Turns the coerced field map (GraphQL field name → coerced value; absent fields are absent) into the
    /// runtime value resolvers receive. Null: the dictionary itself is the runtime value.
    /// </summary>
    public Func<IReadOnlyDictionary<string, object?>, object>? CreateRuntimeValue { get; set; }
}
