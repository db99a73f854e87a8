using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.Client.Generator;

/// <summary>Everything the emitter writes, in a stable order.</summary>
internal sealed class ClientModel
{
    public required TypeMapper Mapper { get; init; }
    public List<OperationModel> Operations { get; } = [];
    public List<InterfaceModel> Interfaces { get; } = [];
    public List<EnumModel> Enums { get; } = [];
    public List<InputModel> Inputs { get; } = [];

    /// <summary>Types the JSON context must know besides results and inputs (variables, optional input values).</summary>
    public SortedSet<string> ExtraSerializable { get; } = new(StringComparer.Ordinal);
}

internal sealed class OperationModel
{
    public required string Name { get; init; }
    public required string GraphQLName { get; init; }
    public required OperationType Kind { get; init; }
    public string? Description { get; init; }
    public required string Document { get; init; }
    public required string Id { get; init; }
    public required ClassModel Result { get; set; }
    public List<VariableModel> Variables { get; } = [];
    public List<ClassModel> Classes { get; } = [];
    public List<AbstractPosition> Positions { get; } = [];
}

internal sealed record VariableModel(string Name, string Parameter, string CSharpType, bool Required, string? DefaultText, string? Description);

/// <summary>A selection set on one object type (or on an abstract type, for objects of types no selection names).</summary>
internal sealed class ClassModel
{
    public required string Name { get; init; }
    public required string Owner { get; init; }
    public ObjectType? Concrete { get; init; }
    public required NamedType Position { get; init; }
    public List<InterfaceModel> Implements { get; } = [];
    public List<PropertyModel> Properties { get; } = [];
}

internal sealed record PropertyModel(string Key, string Name, string CSharpType, bool Required, string? Description, string? Deprecation);

/// <summary>
/// A C# interface for selections that hold on a type without knowing the concrete object type: a fragment, a field of a
/// fragment, an inline fragment on an interface or union, or a field of interface or union type (a "position", whose
/// objects are told apart by __typename).
/// </summary>
internal sealed class InterfaceModel
{
    public required string Name { get; init; }

    /// <summary>Operation whose file holds it; null for fragments (shared by all operations).</summary>
    public string? Owner { get; init; }
    public required NamedType Context { get; init; }
    public List<SelectionSetNode> Sets { get; } = [];
    public List<InterfaceModel> Bases { get; } = [];
    public string? Description { get; init; }
    public Dictionary<string, InterfaceModel> Nested { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, InterfaceModel> Narrowed { get; } = new(StringComparer.Ordinal);
    public List<PropertyModel> Properties { get; } = [];
    public AbstractPosition? Position { get; set; }
    public bool Finished { get; set; }
}

/// <summary>A field of interface or union type: its interface, one class per object type its selections name, and a fallback.</summary>
internal sealed record AbstractPosition(InterfaceModel Interface, IReadOnlyList<(string TypeName, ClassModel Class)> Cases, ClassModel Fallback, string ConverterName);

internal sealed record EnumModel(string Name, string? Description, IReadOnlyList<EnumMemberModel> Members);

internal sealed record EnumMemberModel(string GraphQLName, string Name, string? Description, string? Deprecation);

internal sealed record InputModel(string Name, string? Description, bool IsOneOf, IReadOnlyList<InputFieldModel> Fields);

internal enum InputFieldKind
{
    /// <summary>Non-null without default: a required property.</summary>
    Required,

    /// <summary>Nullable or defaulted: Optional&lt;T&gt;, left out of the JSON unless set (explicit null is a value).</summary>
    Optional,

    /// <summary>A member of a @oneOf input: set through its factory method only.</summary>
    OneOf,
}

internal sealed record InputFieldModel(
    string Key, string Name, string CSharpType, string ValueType, InputFieldKind Kind, string? Description, string? Deprecation, string? DefaultText);
