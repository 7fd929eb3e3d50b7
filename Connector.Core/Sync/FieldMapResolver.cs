namespace Connector.Core.Sync;

/// <summary>Resolves <c>Sync:FieldMap</c> targets (ProgIds or labels) against the published contact UDF layout.</summary>
public static class FieldMapResolver
{
    public static (IReadOnlyList<ResolvedField> Fields, IReadOnlyList<string> Errors) Resolve(
        IReadOnlyList<FieldMapping> mappings, IReadOnlyList<UdfTarget> layout)
    {
        var fields = new List<ResolvedField>();
        var errors = new List<string>();
        foreach (var mapping in mappings)
        {
            var target = layout.FirstOrDefault(u => string.Equals(u.ProgId, mapping.Target, StringComparison.Ordinal))
                         ?? layout.FirstOrDefault(u => string.Equals(u.Label, mapping.Target, StringComparison.OrdinalIgnoreCase))
                         ?? layout.FirstOrDefault(u => string.Equals(u.ProgId, mapping.Target, StringComparison.OrdinalIgnoreCase));
            if (target is null)
            {
                // A field or label an administrator has not published yet is on no contact, so it is refused too.
                errors.Add($"Sync:FieldMap target '{mapping.Target}' (for '{mapping.Source}') is not in the published contact UDF layout; " +
                           $"published: {string.Join(", ", layout.Select(u => $"{u.ProgId} \"{u.Label}\""))}.");
                continue;
            }
            // From here on the target is its ProgId: the diff reads the contact's values by it and the PATCH writes by it
            // (a label there found no current value, and SuperOffice refuses it as a UDF key).
            fields.Add(new ResolvedField(mapping with { Target = target.ProgId }, target));
        }
        foreach (var group in fields.GroupBy(f => f.Target.ProgId).Where(g => g.Count() > 1))
        {
            errors.Add($"Sync:FieldMap writes {group.Key} from more than one field ({string.Join(", ", group.Select(f => f.Mapping.Source))}).");
        }
        return (fields, errors);
    }
}
