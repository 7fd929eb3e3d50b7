using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Sync;

/// <summary>
/// The resolved field map, loaded once from the UDF layout (at start-up by <see cref="SyncStartupCheck"/>, else on
/// first use). A configuration error (unknown target) is permanent; an unreachable SuperOffice is retried.
/// </summary>
public sealed class SyncFieldMap(IOptions<SyncOptions> options, IContactGateway gateway, ILogger<SyncFieldMap> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<ResolvedField>? _fields;

    public async Task<IReadOnlyList<ResolvedField>> GetAsync(CancellationToken cancellationToken)
    {
        if (_fields is { } ready)
        {
            return ready;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_fields is null)
            {
                var (mappings, parseErrors) = FieldMapParser.Parse(options.Value);
                var layout = await gateway.GetUdfLayoutAsync(cancellationToken).ConfigureAwait(false);
                var (fields, errors) = FieldMapResolver.Resolve(mappings, layout);
                var all = parseErrors.Concat(errors).ToArray();
                if (all.Length > 0)
                {
                    throw new OptionsValidationException(SyncOptions.Section, typeof(SyncOptions), all);
                }
                foreach (var field in fields)
                {
                    logger.LogInformation("Sync writes {Source} to {ProgId} \"{Label}\" ({FieldType}, {Policy})",
                        field.Mapping.Source, field.Target.ProgId, field.Target.Label, field.Target.FieldType, field.Mapping.Overwrite);
                }
                _fields = fields;
            }
            return _fields;
        }
        finally
        {
            _gate.Release();
        }
    }
}
