using System.Collections;
using System.Globalization;
using System.Text;
using Tickr.GraphQL.Language.Ast;

namespace Tickr.GraphQL.Execution;

/// <summary>Renders literals and runtime values for error messages (the way graphql-js prints them).</summary>
internal static class ValueText
{
    private const int MaxDepth = 5;

    /// <summary>A literal in GraphQL syntax, e.g. <c>{a: [1, "x"]}</c>.</summary>
    public static string Print(ValueNode node)
    {
        var sb = new StringBuilder();
        Print(sb, node, 0);
        return sb.ToString();
    }

    private static void Print(StringBuilder sb, ValueNode node, int depth)
    {
        switch (node)
        {
            case VariableNode v: sb.Append('$').Append(v.Name.Value); break;
            case IntValueNode i: sb.Append(i.Value); break;
            case FloatValueNode f: sb.Append(f.Value); break;
            case StringValueNode s: AppendQuoted(sb, s.Value); break;
            case BooleanValueNode b: sb.Append(b.Value ? "true" : "false"); break;
            case NullValueNode: sb.Append("null"); break;
            case EnumValueNode e: sb.Append(e.Value); break;
            case ListValueNode l:
                if (depth > MaxDepth * 20) { sb.Append("[...]"); break; }
                sb.Append('[');
                for (var k = 0; k < l.Values.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    Print(sb, l.Values[k], depth + 1);
                }
                sb.Append(']');
                break;
            case ObjectValueNode o:
                if (depth > MaxDepth * 20) { sb.Append("{...}"); break; }
                sb.Append('{');
                for (var k = 0; k < o.Fields.Count; k++)
                {
                    if (k > 0) sb.Append(", ");
                    sb.Append(o.Fields[k].Name.Value).Append(": ");
                    Print(sb, o.Fields[k].Value, depth + 1);
                }
                sb.Append('}');
                break;
        }
    }

    /// <summary>A JSON-like runtime value, e.g. <c>{ a: "x" }</c> or <c>[1, 2]</c>.</summary>
    public static string Inspect(object? value)
    {
        var sb = new StringBuilder();
        Inspect(sb, value, 0);
        return sb.ToString();
    }

    private static void Inspect(StringBuilder sb, object? value, int depth)
    {
        switch (value)
        {
            case null: sb.Append("null"); return;
            case string s: AppendQuoted(sb, s); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case double d: sb.Append(double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity"); return;
            case float f: sb.Append(f.ToString("R", CultureInfo.InvariantCulture)); return;
            case IFormattable fm when value is int or long or short or byte or sbyte or ushort or uint or ulong or decimal:
                sb.Append(fm.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IReadOnlyDictionary<string, object?> map:
                if (depth >= MaxDepth) { sb.Append("[Object]"); return; }
                if (map.Count == 0) { sb.Append("{}"); return; }
                sb.Append("{ ");
                var first = true;
                foreach (var (k, v) in map)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    sb.Append(k).Append(": ");
                    Inspect(sb, v, depth + 1);
                }
                sb.Append(" }");
                return;
            case IEnumerable list:
                if (depth >= MaxDepth) { sb.Append("[Array]"); return; }
                sb.Append('[');
                var n = 0;
                foreach (var item in list)
                {
                    if (n > 0) sb.Append(", ");
                    if (n++ >= 10) { sb.Append("..."); break; }
                    Inspect(sb, item, depth + 1);
                }
                sb.Append(']');
                return;
            default:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
        }
    }

    private static void AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
