using System.Runtime.CompilerServices;
using System.Text;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Types;

namespace Tickr.GraphQL.Validation.Rules;

/// <summary>
/// Field Selection Merging (spec §5.3.2): fields that share a response name anywhere in a selection set
/// (through fragments too) must be mergeable: unless their parents are distinct object types, they must be the
/// same field with the same arguments; in any case their types must have the same shape, and their
/// subselections must merge too.
/// </summary>
/// <remarks>
/// This follows the graphql-js algorithm, which never expands fragments eagerly: the fields and fragment names of
/// each selection set are computed once and cached, fragment pairs already compared are remembered (with whether
/// they were compared as mutually exclusive), and so are field-map/fragment pairs, so repeated and nested spreads
/// cost no more than one comparison each. Two additions keep hostile documents linear: within a group of
/// same-named fields, structurally identical fields (ignoring directives, which play no part here) are compared
/// once; and a global comparison budget stops the check with an error if a document is still too expensive.
/// </remarks>
public sealed class OverlappingFieldsCanBeMergedRule : ValidationVisitor
{
    private const int MaxComparisons = 500_000;
    private const int DedupeThreshold = 8;

    private readonly Dictionary<SelectionSetNode, FieldsAndFragments> _cache = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string, string), bool> _comparedFragmentPairs = [];
    private readonly HashSet<(FieldMap, string, bool)> _comparedFieldsAndFragments = [];
    private readonly Dictionary<FieldNode, string> _signatures = new(ReferenceEqualityComparer.Instance);
    private ValidationContext _context = null!;
    private long _comparisons;
    private bool _budgetExceeded;

    // The conflicts of the selection set being checked, and how many of them can still be reported: once the
    // error limit would be reached, looking for more is pointless.
    private List<Conflict>? _reportable;
    private int _reportLimit;
    private bool _enough;

    public override void EnterDocument(ValidationContext context, DocumentNode node)
    {
        _context = context;
        _cache.Clear();
        _comparedFragmentPairs.Clear();
        _comparedFieldsAndFragments.Clear();
        _signatures.Clear();
        _comparisons = 0;
        _budgetExceeded = false;
    }

    public override void LeaveDocument(ValidationContext context, DocumentNode node)
    {
        // Do not keep the document alive through a pooled rule.
        _cache.Clear();
        _comparedFragmentPairs.Clear();
        _comparedFieldsAndFragments.Clear();
        _signatures.Clear();
        _context = null!;
    }

    public override void EnterSelectionSet(ValidationContext context, SelectionSetNode node)
    {
        if (_budgetExceeded || HasNothingToMerge(node))
        {
            return;
        }
        _reportLimit = Math.Max(1, context.Options.MaxErrors - context.ErrorCount);
        _enough = false;
        var conflicts = FindConflictsWithinSelectionSet(context.ParentType, node);
        _reportable = null;
        foreach (var conflict in conflicts)
        {
            var nodes = new List<SyntaxNode>(conflict.Fields1.Count + conflict.Fields2.Count);
            nodes.AddRange(conflict.Fields1);
            nodes.AddRange(conflict.Fields2);
            context.ReportError(
                $"Fields \"{conflict.Reason.ResponseName}\" conflict because {conflict.Reason.Describe()}. Use different aliases on the fields to fetch both if this was intentional.",
                nodes);
        }
        if (_comparisons > MaxComparisons && !_budgetExceeded)
        {
            _budgetExceeded = true;
            context.ReportError("The document is too complex to check that its fields can be merged.", node);
        }
    }

    // The common case: only fields, all with distinct response names. Nothing in this set can conflict (its
    // subselections are checked when the walk reaches them).
    private static bool HasNothingToMerge(SelectionSetNode node)
    {
        var selections = node.Selections;
        if (selections.Count > 32)
        {
            return false;
        }
        for (var i = 0; i < selections.Count; i++)
        {
            if (selections[i] is not FieldNode field)
            {
                return false;
            }
            var key = field.ResponseKey;
            for (var j = 0; j < i; j++)
            {
                if (((FieldNode)selections[j]).ResponseKey == key)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private List<Conflict> FindConflictsWithinSelectionSet(NamedType? parentType, SelectionSetNode selectionSet)
    {
        var conflicts = new List<Conflict>();
        _reportable = conflicts;
        var (fieldMap, fragmentNames) = GetFieldsAndFragmentNames(parentType, selectionSet);
        CollectConflictsWithin(conflicts, fieldMap);
        for (var i = 0; i < fragmentNames.Count && !_enough; i++)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, false, fieldMap, fragmentNames[i]);
            for (var j = i + 1; j < fragmentNames.Count && !_enough; j++)
            {
                CollectConflictsBetweenFragments(conflicts, false, fragmentNames[i], fragmentNames[j]);
            }
        }
        return conflicts;
    }

    private void CollectConflictsBetweenFieldsAndFragment(List<Conflict> conflicts, bool mutuallyExclusive, FieldMap fieldMap, string fragmentName)
    {
        // Nothing can conflict with an empty field map, however many fragments hang below.
        if (fieldMap.Count == 0 || !_comparedFieldsAndFragments.Add((fieldMap, fragmentName, mutuallyExclusive)))
        {
            return;
        }
        if (GetReferencedFieldsAndFragmentNames(fragmentName) is not { } fragment)
        {
            return;
        }
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var (fieldMap2, referenced) = fragment;
        // A fragment is never compared with itself.
        if (ReferenceEquals(fieldMap, fieldMap2))
        {
            return;
        }
        CollectConflictsBetween(conflicts, mutuallyExclusive, fieldMap, fieldMap2);
        for (var i = 0; i < referenced.Count; i++)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fieldMap, referenced[i]);
        }
    }

    private void CollectConflictsBetweenFragments(List<Conflict> conflicts, bool mutuallyExclusive, string name1, string name2)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (name1 == name2)
        {
            return;
        }
        var key = string.CompareOrdinal(name1, name2) < 0 ? (name1, name2) : (name2, name1);
        // Comparing as not mutually exclusive is the stricter check and covers the other one.
        if (_comparedFragmentPairs.TryGetValue(key, out var wasExclusive) && (mutuallyExclusive || !wasExclusive))
        {
            return;
        }
        _comparedFragmentPairs[key] = mutuallyExclusive;
        if (GetReferencedFieldsAndFragmentNames(name1) is not { } fragment1
            || GetReferencedFieldsAndFragmentNames(name2) is not { } fragment2)
        {
            return;
        }
        var (fieldMap1, referenced1) = fragment1;
        var (fieldMap2, referenced2) = fragment2;
        CollectConflictsBetween(conflicts, mutuallyExclusive, fieldMap1, fieldMap2);
        for (var i = 0; i < referenced2.Count; i++)
        {
            CollectConflictsBetweenFragments(conflicts, mutuallyExclusive, name1, referenced2[i]);
        }
        for (var i = 0; i < referenced1.Count; i++)
        {
            CollectConflictsBetweenFragments(conflicts, mutuallyExclusive, referenced1[i], name2);
        }
    }

    private List<Conflict> FindConflictsBetweenSubSelectionSets(bool mutuallyExclusive, NamedType? parentType1, SelectionSetNode set1, NamedType? parentType2, SelectionSetNode set2)
    {
        var conflicts = new List<Conflict>();
        var (fieldMap1, fragmentNames1) = GetFieldsAndFragmentNames(parentType1, set1);
        var (fieldMap2, fragmentNames2) = GetFieldsAndFragmentNames(parentType2, set2);
        CollectConflictsBetween(conflicts, mutuallyExclusive, fieldMap1, fieldMap2);
        for (var i = 0; i < fragmentNames2.Count; i++)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fieldMap1, fragmentNames2[i]);
        }
        for (var i = 0; i < fragmentNames1.Count; i++)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fieldMap2, fragmentNames1[i]);
        }
        for (var i = 0; i < fragmentNames1.Count; i++)
        {
            for (var j = 0; j < fragmentNames2.Count; j++)
            {
                CollectConflictsBetweenFragments(conflicts, mutuallyExclusive, fragmentNames1[i], fragmentNames2[j]);
            }
        }
        return conflicts;
    }

    private void CollectConflictsWithin(List<Conflict> conflicts, FieldMap fieldMap)
    {
        foreach (var (responseName, group) in fieldMap)
        {
            if (group.Count < 2)
            {
                continue;
            }
            var fields = group.Count > DedupeThreshold ? Distinct(group) : group;
            for (var i = 0; i < fields.Count; i++)
            {
                for (var j = i + 1; j < fields.Count; j++)
                {
                    if (FindConflict(false, responseName, fields[i], fields[j]) is { } conflict)
                    {
                        Add(conflicts, conflict);
                    }
                    if (_enough) return;
                }
            }
        }
    }

    private void CollectConflictsBetween(List<Conflict> conflicts, bool mutuallyExclusive, FieldMap fieldMap1, FieldMap fieldMap2)
    {
        foreach (var (responseName, group1) in fieldMap1)
        {
            if (!fieldMap2.TryGetValue(responseName, out var group2))
            {
                continue;
            }
            var fields1 = group1.Count > DedupeThreshold ? Distinct(group1) : group1;
            var fields2 = group2.Count > DedupeThreshold ? Distinct(group2) : group2;
            for (var i = 0; i < fields1.Count; i++)
            {
                for (var j = 0; j < fields2.Count; j++)
                {
                    if (FindConflict(mutuallyExclusive, responseName, fields1[i], fields2[j]) is { } conflict)
                    {
                        Add(conflicts, conflict);
                    }
                    if (_enough) return;
                }
            }
        }
    }

    private void Add(List<Conflict> conflicts, Conflict conflict)
    {
        conflicts.Add(conflict);
        if (ReferenceEquals(conflicts, _reportable) && conflicts.Count >= _reportLimit)
        {
            _enough = true;
        }
    }

    private Conflict? FindConflict(bool parentsMutuallyExclusive, string responseName, FieldEntry field1, FieldEntry field2)
    {
        if (++_comparisons > MaxComparisons || _enough)
        {
            return null;
        }
        var node1 = field1.Node;
        var node2 = field2.Node;
        // Fields on distinct object types can never both apply, so they may differ in name and arguments.
        var mutuallyExclusive = parentsMutuallyExclusive
            || (field1.ParentType is ObjectType && field2.ParentType is ObjectType && !ReferenceEquals(field1.ParentType, field2.ParentType));
        if (!mutuallyExclusive)
        {
            if (node1.Name.Value != node2.Name.Value)
            {
                return new Conflict(new Reason(responseName, $"\"{node1.Name.Value}\" and \"{node2.Name.Value}\" are different fields"), [node1], [node2]);
            }
            if (!SameArguments(node1.Arguments, node2.Arguments))
            {
                return new Conflict(new Reason(responseName, "they have differing arguments"), [node1], [node2]);
            }
        }
        var type1 = field1.Definition?.Type;
        var type2 = field2.Definition?.Type;
        if (type1 is not null && type2 is not null && DoTypesConflict(type1, type2))
        {
            return new Conflict(new Reason(responseName, $"they return conflicting types \"{type1.Print()}\" and \"{type2.Print()}\""), [node1], [node2]);
        }
        if (node1.SelectionSet is { } set1 && node2.SelectionSet is { } set2)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var sub = FindConflictsBetweenSubSelectionSets(mutuallyExclusive, type1?.NamedType(), set1, type2?.NamedType(), set2);
            if (sub.Count > 0)
            {
                var reasons = new List<Reason>(sub.Count);
                var fields1 = new List<FieldNode> { node1 };
                var fields2 = new List<FieldNode> { node2 };
                foreach (var c in sub)
                {
                    reasons.Add(c.Reason);
                    fields1.AddRange(c.Fields1);
                    fields2.AddRange(c.Fields2);
                }
                return new Conflict(new Reason(responseName, reasons), fields1, fields2);
            }
        }
        return null;
    }

    private static bool SameArguments(IReadOnlyList<ArgumentNode> args1, IReadOnlyList<ArgumentNode> args2)
    {
        if (args1.Count != args2.Count)
        {
            return false;
        }
        for (var i = 0; i < args1.Count; i++)
        {
            ArgumentNode? match = null;
            for (var j = 0; j < args2.Count; j++)
            {
                if (args2[j].Name.Value == args1[i].Name.Value)
                {
                    match = args2[j];
                    break;
                }
            }
            if (match is null || !ValueSyntax.AreEqual(args1[i].Value, match.Value))
            {
                return false;
            }
        }
        return true;
    }

    // Two types conflict when they differ in list or non-null wrapping, or when either is a leaf and they are
    // not the same type. Composite types are compared through their subselections instead.
    private static bool DoTypesConflict(IGraphQLType type1, IGraphQLType type2)
    {
        while (true)
        {
            if (type1 is ListType list1)
            {
                if (type2 is not ListType list2) return true;
                type1 = list1.OfType;
                type2 = list2.OfType;
                continue;
            }
            if (type2 is ListType) return true;
            if (type1 is NonNullType nn1)
            {
                if (type2 is not NonNullType nn2) return true;
                type1 = nn1.OfType;
                type2 = nn2.OfType;
                continue;
            }
            if (type2 is NonNullType) return true;
            if (type1.IsLeafType() || type2.IsLeafType())
            {
                return !TypeRelations.SameNamed((NamedType)type1, (NamedType)type2);
            }
            return false;
        }
    }

    private FieldsAndFragments GetFieldsAndFragmentNames(NamedType? parentType, SelectionSetNode selectionSet)
    {
        if (_cache.TryGetValue(selectionSet, out var cached))
        {
            return cached;
        }
        var fieldMap = new FieldMap();
        var fragmentNames = new FragmentNames();
        CollectFieldsAndFragmentNames(parentType, selectionSet, fieldMap, fragmentNames);
        var result = new FieldsAndFragments(fieldMap, fragmentNames);
        _cache[selectionSet] = result;
        return result;
    }

    private FieldsAndFragments? GetReferencedFieldsAndFragmentNames(string fragmentName)
    {
        if (_context.GetFragment(fragmentName) is not { } fragment)
        {
            return null;
        }
        if (_cache.TryGetValue(fragment.SelectionSet, out var cached))
        {
            return cached;
        }
        return GetFieldsAndFragmentNames(_context.Schema.GetType(fragment.TypeCondition.Name.Value), fragment.SelectionSet);
    }

    private void CollectFieldsAndFragmentNames(NamedType? parentType, SelectionSetNode selectionSet, FieldMap fieldMap, FragmentNames fragmentNames)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var selections = selectionSet.Selections;
        for (var i = 0; i < selections.Count; i++)
        {
            switch (selections[i])
            {
                case FieldNode field:
                    // graphql-js looks fields up without meta fields here: __typename has no definition to compare.
                    var definition = parentType is IComplexOutputType complex ? complex.Fields[field.Name.Value] : null;
                    var key = field.ResponseKey;
                    if (!fieldMap.TryGetValue(key, out var group))
                    {
                        fieldMap[key] = group = [];
                    }
                    group.Add(new FieldEntry(parentType, field, definition));
                    break;
                case FragmentSpreadNode spread:
                    fragmentNames.AddOnce(spread.Name.Value);
                    break;
                case InlineFragmentNode inline:
                    var type = inline.TypeCondition is { } condition ? _context.Schema.GetType(condition.Name.Value) : parentType;
                    CollectFieldsAndFragmentNames(type, inline.SelectionSet, fieldMap, fragmentNames);
                    break;
            }
        }
    }

    // One representative per structurally identical field: comparing a field with an identical copy finds
    // nothing its own subselection check does not, and the copy conflicts with others exactly when it does.
    private List<FieldEntry> Distinct(List<FieldEntry> group)
    {
        var seen = new HashSet<(NamedType?, string)>();
        var result = new List<FieldEntry>();
        foreach (var entry in group)
        {
            if (seen.Add((entry.ParentType, Signature(entry.Node))))
            {
                result.Add(entry);
            }
        }
        return result;
    }

    private string Signature(FieldNode node)
    {
        if (_signatures.TryGetValue(node, out var signature))
        {
            return signature;
        }
        var sb = new StringBuilder();
        AppendSignature(sb, node);
        signature = sb.ToString();
        _signatures[node] = signature;
        return signature;
    }

    private static void AppendSignature(StringBuilder sb, FieldNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        sb.Append(node.ResponseKey).Append(':').Append(node.Name.Value);
        if (node.Arguments.Count > 0)
        {
            sb.Append('(');
            for (var i = 0; i < node.Arguments.Count; i++)
            {
                sb.Append(node.Arguments[i].Name.Value).Append(':').Append(ValueSyntax.Print(node.Arguments[i].Value)).Append(',');
            }
            sb.Append(')');
        }
        if (node.SelectionSet is { } set)
        {
            AppendSelections(sb, set);
        }
    }

    private static void AppendSelections(StringBuilder sb, SelectionSetNode set)
    {
        sb.Append('{');
        for (var i = 0; i < set.Selections.Count; i++)
        {
            switch (set.Selections[i])
            {
                case FieldNode f: AppendSignature(sb, f); break;
                case FragmentSpreadNode s: sb.Append("...").Append(s.Name.Value); break;
                case InlineFragmentNode inline:
                    sb.Append("...on ").Append(inline.TypeCondition?.Name.Value ?? "");
                    AppendSelections(sb, inline.SelectionSet);
                    break;
            }
            sb.Append(' ');
        }
        sb.Append('}');
    }

    private sealed class FieldMap : Dictionary<string, List<FieldEntry>>
    {
        public FieldMap() : base(StringComparer.Ordinal) { }
    }

    /// <summary>Distinct fragment names in first-spread order; a set backs the check once the list grows.</summary>
    private sealed class FragmentNames : List<string>
    {
        private HashSet<string>? _set;

        public void AddOnce(string name)
        {
            if (_set is null)
            {
                if (Contains(name)) return;
                Add(name);
                if (Count > 16) _set = new HashSet<string>(this, StringComparer.Ordinal);
                return;
            }
            if (_set.Add(name)) Add(name);
        }
    }

    private readonly record struct FieldEntry(NamedType? ParentType, FieldNode Node, OutputField? Definition);

    private readonly record struct FieldsAndFragments(FieldMap Fields, FragmentNames FragmentNames);

    private sealed record Conflict(Reason Reason, List<FieldNode> Fields1, List<FieldNode> Fields2);

    private sealed class Reason
    {
        public Reason(string responseName, string message)
        {
            ResponseName = responseName;
            Message = message;
        }

        public Reason(string responseName, List<Reason> subReasons)
        {
            ResponseName = responseName;
            SubReasons = subReasons;
        }

        public string ResponseName { get; }
        public string? Message { get; }
        public List<Reason>? SubReasons { get; }

        public string Describe()
        {
            if (SubReasons is null)
            {
                return Message!;
            }
            var sb = new StringBuilder();
            for (var i = 0; i < SubReasons.Count; i++)
            {
                if (i > 0) sb.Append(" and ");
                sb.Append("subfields \"").Append(SubReasons[i].ResponseName).Append("\" conflict because ").Append(SubReasons[i].Describe());
            }
            return sb.ToString();
        }
    }
}
