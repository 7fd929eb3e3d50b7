using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Webhooks;

/// <summary>
/// One POST to a webhook target, as <c>GET /admin/webhooks/deliveries</c> lists it. Status 0 = no HTTP answer.
/// Attempt counts the payload's attempts across cycles from 1 (the X-SuperOffice-Retry header restarts at 0 each cycle).
/// <c>Sequence</c> is the raised event's (0 for the registration test event); <c>AnswerLost</c>: the target answered
/// 200 but the sandbox's lost-answer switch counted the attempt as failed.
/// </summary>
public sealed record DeliveryRecord(
    int WebhookId, string EventId, string Event, int PrimaryKey, int ChangedByAssociateId, int Attempt, int Status,
    DateTimeOffset At, string? Error, long Sequence = 0, bool AnswerLost = false);

/// <summary>
/// A contact event the tenant raised (numbered from 1 in <c>Sequence</c>) and the webhooks it was queued for, as
/// <c>GET /admin/webhooks/events</c> lists it.
/// </summary>
public sealed record RaisedEvent(string Event, int ContactId, int ChangedByAssociateId, IReadOnlyList<int> QueuedFor, DateTimeOffset At, long Sequence = 0);

/// <summary>
/// Sends webhook notifications the way the reference (1.3, 1.4, 1.6) describes: one cycle is a first attempt plus
/// one retry per <see cref="SandboxOptions.WebhookRetryDelaysMs"/> (default +1 s, +4 s); a failed cycle goes to the
/// back of the queue and its next cycle gets a new EventId. Only HTTP 200 counts as success. Every failed attempt
/// adds to the webhook's consecutive errors (a 200 resets them); at
/// <see cref="SandboxOptions.WebhookFailuresBeforeTooManyErrors"/> (9 = three cycles of three) the webhook goes to
/// TooManyErrors and its pending payloads are dropped.
/// </summary>
public sealed class WebhookDispatcher : IAsyncDisposable
{
    public const string UserAgent = "NetServer-Webhook/8.8.6684.1719";

    private sealed record Pending(int WebhookId, string Event, int PrimaryKey, IReadOnlyList<string> Changes, int AssociateId, int AttemptsSoFar, long Sequence);

    private readonly SandboxOptions _options;
    private readonly TenantStore _store;
    private readonly HttpClient _http;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly ConcurrentQueue<DeliveryRecord> _deliveries = new();
    private readonly ConcurrentQueue<RaisedEvent> _events = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _sequence;
    private int _pending;
    private int _late;

    public WebhookDispatcher(SandboxOptions options, TenantStore store)
    {
        _options = options;
        _store = store;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(10) };
        store.ContactEventRaised += OnContactEvent;
        _loop = Task.Run(RunAsync);
    }

    public IReadOnlyList<DeliveryRecord> Deliveries => [.. _deliveries];

    /// <summary>
    /// Every contact event the tenant raised, with the webhooks it was queued for, recorded before the change's answer
    /// goes out: a test can see that a change raised no event, or that a stopped webhook was not given one.
    /// </summary>
    public IReadOnlyList<RaisedEvent> Events => [.. _events];

    /// <summary>Payloads queued or being sent (a cycle that failed stays counted until it is delivered or dropped).</summary>
    public int PendingPayloads => Volatile.Read(ref _pending);

    /// <summary>Payloads the late switch held back.</summary>
    public int LatePayloads => Volatile.Read(ref _late);

    private void OnContactEvent(ContactEvent e)
    {
        var queued = new List<int>();
        var sequence = Interlocked.Increment(ref _sequence);
        foreach (var webhook in _store.Webhooks().Where(w => w.Wants(e.Event)))
        {
            Interlocked.Increment(ref _pending);
            _queue.Writer.TryWrite(new Pending(webhook.WebhookId, e.Event, e.ContactId, e.Changes, e.ChangedByAssociateId, 0, sequence));
            queued.Add(webhook.WebhookId);
        }
        _events.Enqueue(new RaisedEvent(e.Event, e.ContactId, e.ChangedByAssociateId, queued, DateTimeOffset.UtcNow, sequence));
        while (_events.Count > 50_000 && _events.TryDequeue(out _))
        {
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var pending in _queue.Reader.ReadAllAsync(_stopping.Token))
            {
                _ = Task.Run(() => CycleAsync(pending));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CycleAsync(Pending pending)
    {
        var eventId = Guid.NewGuid().ToString();
        var attempts = pending.AttemptsSoFar;
        var delays = _options.WebhookRetryDelaysMs;
        var requeued = false;
        try
        {
            // The late switch: this payload waits while later ones go out (a sender whose queue is behind).
            if (attempts == 0 && _options.WebhookLateShare > 0 && Random.Shared.NextDouble() < _options.WebhookLateShare)
            {
                Interlocked.Increment(ref _late);
                await Task.Delay(_options.WebhookLateMs, _stopping.Token);
            }
            for (var retry = 0; retry <= delays.Length; retry++)
            {
                if (retry > 0)
                {
                    await Task.Delay(delays[retry - 1], _stopping.Token);
                }
                var webhook = _store.Webhook(pending.WebhookId);
                if (webhook is null || webhook.State != "Active")
                {
                    return;
                }
                var body = Body(eventId, pending.Event, pending.PrimaryKey, "contact", pending.Changes, pending.AssociateId, webhook.Name, _options.ContextIdentifier);
                attempts++;
                var (status, error) = await SendAsync(webhook, pending.Event, eventId, retry, body, test: false);
                // The lost-answer switch: the target took the event, but the sender never saw the 200 and sends it again.
                var lost = status == 200 && _options.WebhookLostAnswerShare > 0 && Random.Shared.NextDouble() < _options.WebhookLostAnswerShare;
                Record(pending.WebhookId, eventId, pending.Event, pending.PrimaryKey, pending.AssociateId, attempts, status, error, pending.Sequence, lost);
                if (lost)
                {
                    (status, error) = (0, "The answer was lost (sandbox lost-answer switch).");
                }
                var failed = _store.WithWebhook(pending.WebhookId, w =>
                {
                    w.TotalCalls++;
                    w.LastEvent = DateTime.UtcNow;
                    if (status == 200)
                    {
                        w.ConsecutiveErrors = 0;
                        return false;
                    }
                    w.ConsecutiveErrors++;
                    w.TotalErrors++;
                    w.LastError = error ?? $"HTTP {status}";
                    if (w.ConsecutiveErrors >= _options.WebhookFailuresBeforeTooManyErrors)
                    {
                        w.State = "TooManyErrors";
                    }
                    return true;
                });
                if (!failed)
                {
                    return;
                }
            }
            // The cycle failed: to the back of the queue; the next cycle is a new event (new EventId).
            requeued = _queue.Writer.TryWrite(pending with { AttemptsSoFar = attempts });
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (!requeued)
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    /// <summary>The registration test event (Event "test", X-Hook-Test: true); the caller refuses the webhook unless it answers 200.</summary>
    public async Task<(int Status, string? Error)> SendTestAsync(WebhookRecord candidate)
    {
        var eventId = Guid.NewGuid().ToString();
        var body = Body(eventId, "test", 0, "test", [], _options.ApiAssociateId, candidate.Name, _options.ContextIdentifier);
        var (status, error) = await SendAsync(candidate, "test", eventId, 0, body, test: true);
        Record(candidate.WebhookId, eventId, "test", 0, _options.ApiAssociateId, 1, status, error);
        return (status, error);
    }

    public static string Body(string eventId, string eventName, int primaryKey, string entity, IReadOnlyList<string> changes, int associateId, string webhookName, string context) =>
        new JsonObject
        {
            ["EventId"] = eventId,
            ["Timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["Changes"] = new JsonArray(changes.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["Event"] = eventName,
            ["PrimaryKey"] = primaryKey,
            ["Entity"] = entity,
            ["ContextIdentifier"] = context,
            ["ChangedByAssociateId"] = associateId,
            ["WebhookName"] = webhookName,
        }.ToJsonString(Api.SuperOfficeApi.Relaxed);

    /// <summary>Base64 of HMAC-SHA256 over the raw body bytes, keyed with the UTF-8 secret (docs/superoffice/webhooks.md).</summary>
    public static string Sign(string secret, byte[] body) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private async Task<(int Status, string? Error)> SendAsync(WebhookRecord webhook, string eventName, string eventId, int retry, string body, bool test)
    {
        // The outage switch (PUT /admin/webhooks/faults): the target is down, so nothing reaches it.
        if (_options.WebhookOutageStatus is { } outage)
        {
            return outage == 0 ? (0, "Connection refused (sandbox outage switch).") : (outage, $"HTTP {outage} (sandbox outage switch)");
        }
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.TargetUrl) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation("X-SuperOffice-Event", eventName);
        request.Headers.TryAddWithoutValidation("X-SuperOffice-EventId", eventId);
        request.Headers.TryAddWithoutValidation("X-SuperOffice-Retry", retry.ToString(CultureInfo.InvariantCulture));
        if (test)
        {
            request.Headers.TryAddWithoutValidation("X-Hook-Test", "true");
        }
        if (!string.IsNullOrEmpty(webhook.Secret))
        {
            request.Headers.TryAddWithoutValidation("X-SuperOffice-Signature", Sign(webhook.Secret, bytes));
        }
        foreach (var (name, value) in webhook.Headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        try
        {
            using var response = await _http.SendAsync(request, _stopping.Token);
            return ((int)response.StatusCode, response.StatusCode == System.Net.HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return (0, e.Message);
        }
        catch (TaskCanceledException) when (!_stopping.IsCancellationRequested)
        {
            return (0, "The target did not answer within 10 seconds.");
        }
    }

    private void Record(int webhookId, string eventId, string eventName, int primaryKey, int associateId, int attempt, int status, string? error,
        long sequence = 0, bool answerLost = false)
    {
        _deliveries.Enqueue(new DeliveryRecord(webhookId, eventId, eventName, primaryKey, associateId, attempt, status, DateTimeOffset.UtcNow, error, sequence, answerLost));
        while (_deliveries.Count > 50_000 && _deliveries.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _store.ContactEventRaised -= OnContactEvent;
        await _stopping.CancelAsync();
        _queue.Writer.TryComplete();
        await _loop;
        _http.Dispose();
        _stopping.Dispose();
    }
}
