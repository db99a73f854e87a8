namespace Tickr.Client.Generator;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>
/// A problem found while generating, printed in MSBuild's canonical format
/// (<c>file(line,col): error TKR0101: message</c>) so that dotnet build and IDEs place it on the right line.
/// </summary>
public sealed record GeneratorDiagnostic(string File, int Line, int Column, DiagnosticSeverity Severity, string Code, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString()
    {
        var where = Line > 0 ? $"{File}({Line},{Column})" : File;
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{where}: {severity} {Code}: {Message}";
    }
}

/// <summary>The generator's diagnostic codes. They are stable: tests and users match on them.</summary>
public static class DiagnosticCodes
{
    /// <summary>The schema file is missing, unreadable or not a valid schema.</summary>
    public const string InvalidSchema = "TKR0001";

    /// <summary>An operation file cannot be read or is not valid GraphQL syntax.</summary>
    public const string SyntaxError = "TKR0002";

    /// <summary>An operation file holds type system definitions (only operations and fragments belong there).</summary>
    public const string NotExecutable = "TKR0003";

    /// <summary>An operation has no name: the client's member and types are named after it.</summary>
    public const string AnonymousOperation = "TKR0004";

    /// <summary>An operation or fragment name is used twice (across all operation files).</summary>
    public const string DuplicateName = "TKR0005";

    /// <summary>The document is invalid against the schema (a validation rule of spec §5 not covered below).</summary>
    public const string Invalid = "TKR0100";

    /// <summary>A selected field does not exist on its type (e.g. removed from the schema).</summary>
    public const string UnknownField = "TKR0101";

    /// <summary>A type named in the document does not exist in the schema.</summary>
    public const string UnknownType = "TKR0102";

    /// <summary>An argument does not exist on its field or directive.</summary>
    public const string UnknownArgument = "TKR0103";

    /// <summary>A variable's type does not fit where it is used (e.g. the argument became non-null).</summary>
    public const string VariableTypeMismatch = "TKR0104";

    /// <summary>A required argument or input field is missing.</summary>
    public const string MissingArgument = "TKR0105";

    /// <summary>A literal value does not fit its type.</summary>
    public const string InvalidValue = "TKR0106";

    /// <summary>A field of an object type is selected without a selection set, or a leaf with one.</summary>
    public const string SelectionShape = "TKR0107";

    /// <summary>A deprecated field, argument or enum value is used (a warning).</summary>
    public const string DeprecatedUsage = "TKR0201";

    /// <summary>Nothing to generate: no operation files were found (a warning).</summary>
    public const string NoOperations = "TKR0202";
}
