namespace Connector.Core.Sync;

/// <summary>Parses <see cref="SyncOptions.FieldMap"/> and <see cref="SyncOptions.Overwrite"/> into mappings.</summary>
public static class FieldMapParser
{
    public static (IReadOnlyList<FieldMapping> Mappings, IReadOnlyList<string> Errors) Parse(SyncOptions options)
    {
        var errors = new List<string>();
        var policies = ParsePolicies(options.Overwrite, errors, out var defaultPolicy);
        var mappings = new List<FieldMapping>();
        foreach (var (source, target) in Pairs(options.FieldMap))
        {
            if (string.IsNullOrEmpty(target))
            {
                errors.Add($"Sync:FieldMap entry '{source}' has no target; write it as {source}=SuperOffice:5.");
                continue;
            }
            if (mappings.Any(m => string.Equals(m.Source, source, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"Sync:FieldMap maps '{source}' twice.");
                continue;
            }
            mappings.Add(new FieldMapping(source, target, policies.GetValueOrDefault(source, defaultPolicy)));
        }
        if (mappings.Count == 0 && errors.Count == 0)
        {
            errors.Add("Sync:FieldMap is empty; map Company Explorer fields to contact UDFs, e.g. vertical=SuperOffice:5;summary=SuperOffice:6.");
        }
        foreach (var field in policies.Keys.Where(k => mappings.All(m => !string.Equals(m.Source, k, StringComparison.OrdinalIgnoreCase))))
        {
            errors.Add($"Sync:Overwrite names '{field}', which Sync:FieldMap does not map.");
        }
        var duplicateTargets = mappings.GroupBy(m => m.Target, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1);
        errors.AddRange(duplicateTargets.Select(g => $"Sync:FieldMap writes '{g.Key}' from more than one field."));
        return (mappings, errors);
    }

    private static Dictionary<string, OverwritePolicy> ParsePolicies(string text, List<string> errors, out OverwritePolicy defaultPolicy)
    {
        defaultPolicy = OverwritePolicy.FillEmpty;
        var result = new Dictionary<string, OverwritePolicy>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }
        if (!text.Contains('='))
        {
            if (Enum.TryParse<OverwritePolicy>(text.Trim(), ignoreCase: true, out var all))
            {
                defaultPolicy = all;
            }
            else
            {
                errors.Add($"Sync:Overwrite '{text}' is not FillEmpty, Overwrite or OverwriteOwn.");
            }
            return result;
        }
        foreach (var (field, value) in Pairs(text))
        {
            if (Enum.TryParse<OverwritePolicy>(value, ignoreCase: true, out var policy))
            {
                result[field] = policy;
            }
            else
            {
                errors.Add($"Sync:Overwrite for '{field}' is '{value}'; use FillEmpty, Overwrite or OverwriteOwn.");
            }
        }
        return result;
    }

    private static IEnumerable<(string Key, string Value)> Pairs(string text) =>
        text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Select(kv => (kv[0], kv.Length > 1 ? kv[1] : ""));
}
