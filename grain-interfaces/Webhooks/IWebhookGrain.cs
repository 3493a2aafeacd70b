using Orleans.Concurrency;
using Qase.Webhooks.Contracts.Delivery;

namespace Qase.Webhooks.Contracts.Webhooks;

/// <summary>
/// One webhook, keyed <c>{workspace_id}/{CODE}/{webhook_id}</c> (see <see cref="Projects.GrainKeys"/>);
/// a new webhook takes a fresh id from <see cref="Projects.ResourceId"/> with the prefix <c>wh</c>.
/// It holds the configuration, the subscriptions and the endpoint's health, and keeps the project's
/// router in step with every change. Creating, updating, enabling, testing, redelivering and recovering need a
/// paid plan; reading, disabling and deleting do not. Failures are <see cref="Problems.RequestRejectedException"/>s.
/// </summary>
[Alias("qase.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>Creates the webhook under this grain's key, enabled unless <see cref="NewWebhook.Enabled"/> is <c>false</c>.</summary>
    /// <returns>The new webhook.</returns>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.Conflict"/> when a webhook exists under this key;
    /// <see cref="Problems.ProblemKind.NotFound"/> when the project does not exist;
    /// <see cref="Problems.ProblemKind.PlanRequired"/> on the free plan;
    /// <see cref="Problems.ProblemKind.Validation"/> naming <c>title</c>, <c>url</c>, <c>secret</c>, <c>events</c>,
    /// <c>events[i]</c>, <c>notify_email</c>, <c>signature_scheme</c> or <c>rate_limit</c>.
    /// </exception>
    [Alias("Create")]
    Task<Webhook> Create(NewWebhook webhook);

    /// <summary>The webhook, or <c>null</c> when none exists under this key. A read that never waits for a change in progress.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<Webhook?> Get();

    /// <summary>
    /// Changes the fields the patch sets and leaves the others. A new <c>url</c> ends the failure streak (it is a new
    /// endpoint); pending retries use the current URL and secret.
    /// </summary>
    /// <returns>The webhook as changed.</returns>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.NotFound"/> when the webhook or its project does not exist;
    /// <see cref="Problems.ProblemKind.PlanRequired"/> on the free plan;
    /// <see cref="Problems.ProblemKind.Validation"/> naming the bad fields, as for <see cref="Create"/>.
    /// </exception>
    [Alias("Update")]
    Task<Webhook> Update(WebhookPatch patch);

    /// <summary>
    /// Gives the webhook a new secret while the old one keeps signing for <see cref="SecretRotation.Overlap"/>: until
    /// <see cref="Webhook.SecretRotationEndsAt"/> every attempt, retries included, carries both <c>v1</c> signatures (the new
    /// one first) and <c>X-Qase-Secret</c> carries the new secret. An <see cref="SignatureScheme.Ed25519"/> webhook also gets a
    /// new key pair, its old private key signing during the overlap too. Rotating again during an overlap drops the oldest
    /// secret and key. A webhook without a secret gets one, with no overlap since no old secret was live.
    /// </summary>
    /// <returns>The generated secret (shown only here; <c>null</c> when the caller gave one) and the webhook.</returns>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.NotFound"/> when the webhook or its project does not exist;
    /// <see cref="Problems.ProblemKind.PlanRequired"/> on the free plan;
    /// <see cref="Problems.ProblemKind.Validation"/> naming <c>secret</c> or <c>overlap</c>.
    /// </exception>
    [Alias("RotateSecret")]
    Task<RotatedSecret> RotateSecret(SecretRotation rotation);

    /// <summary>Puts the webhook back into service and clears its failure streak.</summary>
    /// <returns>The webhook, enabled.</returns>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.NotFound"/> when the webhook or its project does not exist;
    /// <see cref="Problems.ProblemKind.PlanRequired"/> on the free plan.
    /// </exception>
    [Alias("Enable")]
    Task<Webhook> Enable();

    /// <summary>
    /// Takes the webhook out of service by hand (<see cref="DisabledReason.Manual"/>); no mail is sent. Its pending
    /// deliveries are marked <see cref="DeliveryStatus.Failed"/>.
    /// </summary>
    /// <returns>The webhook, disabled.</returns>
    /// <exception cref="Problems.RequestRejectedException"><see cref="Problems.ProblemKind.NotFound"/> when the webhook does not exist.</exception>
    [Alias("Disable")]
    Task<Webhook> Disable();

    /// <summary>Deletes the webhook with its delivery log; its pending deliveries stop.</summary>
    /// <exception cref="Problems.RequestRejectedException"><see cref="Problems.ProblemKind.NotFound"/> when the webhook does not exist.</exception>
    [Alias("Delete")]
    Task Delete();

    /// <summary>
    /// Sends one delivery now with the example payload of <paramref name="eventName"/> (default: the first subscribed type), the one
    /// <c>GET /v1/event-types/{name}</c> shows;
    /// it never changes the webhook's health, and works on a disabled webhook too. It is logged like any delivery, and
    /// <see cref="Recover"/> leaves it alone.
    /// </summary>
    /// <param name="eventName">An event type's name, e.g. <c>run.completed</c>; <c>null</c> for the webhook's first one.</param>
    /// <returns>The delivery, <see cref="DeliveryStatus.Succeeded"/> or <see cref="DeliveryStatus.Failed"/>, with its one attempt.</returns>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.NotFound"/> when the webhook or its project does not exist;
    /// <see cref="Problems.ProblemKind.PlanRequired"/> on the free plan;
    /// <see cref="Problems.ProblemKind.Validation"/> naming <c>event_name</c> when it is not a known type.
    /// </exception>
    [Alias("Test")]
    Task<DeliveryDetail> Test(string? eventName);

    /// <summary>A page of the webhook's delivery log, newest first, test deliveries included.</summary>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.NotFound"/> when the webhook does not exist;
    /// <see cref="Problems.ProblemKind.Validation"/> naming <c>limit</c> when it is not 1 to <see cref="DeliveryQuery.MaxLimit"/>.
    /// </exception>
    [Alias("ListDeliveries")]
    Task<DeliveryPage> ListDeliveries(DeliveryQuery query);

    /// <summary>A delivery with its request and attempts, or <c>null</c> when the webhook has no such delivery.</summary>
    /// <param name="deliveryId">A <see cref="DeliveryRecord.Id"/> of this webhook.</param>
    /// <exception cref="Problems.RequestRejectedException"><see cref="Problems.ProblemKind.NotFound"/> when the webhook does not exist.</exception>
    [Alias("GetDelivery")]
    Task<DeliveryDetail?> GetDelivery(string deliveryId);

    /// <summary>
    /// The last <paramref name="hours"/> clock hours (UTC) of attempts, the current hour last, oldest first,
    /// empty hours included; test deliveries count like any other.
    /// </summary>
    /// <param name="hours">1 to <see cref="HourStats.MaxHours"/>.</param>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.NotFound"/> when the webhook does not exist;
    /// <see cref="Problems.ProblemKind.Validation"/> naming <c>hours</c> when it is out of range.
    /// </exception>
    [Alias("Stats")]
    Task<IReadOnlyList<HourStats>> Stats(int hours);

    /// <summary>
    /// Sends a delivery again, under the same delivery id: whatever its status, it becomes
    /// <see cref="DeliveryStatus.Pending"/>, due now.
    /// </summary>
    /// <param name="deliveryId">A <see cref="DeliveryRecord.Id"/> of this webhook.</param>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.NotFound"/> when the webhook, its project or the delivery does not exist;
    /// <see cref="Problems.ProblemKind.PlanRequired"/> on the free plan;
    /// <see cref="Problems.ProblemKind.Conflict"/> when the webhook is disabled.
    /// </exception>
    [Alias("Redeliver")]
    Task Redeliver(string deliveryId);

    /// <summary>
    /// Sends again every delivery that failed and was created at or after <paramref name="since"/> (test deliveries
    /// excepted): each becomes <see cref="DeliveryStatus.Pending"/>, due now, under its own delivery id.
    /// </summary>
    /// <param name="since">The earliest creation time to take.</param>
    /// <returns>How many deliveries will be sent again.</returns>
    /// <exception cref="Problems.RequestRejectedException">
    /// <see cref="Problems.ProblemKind.NotFound"/> when the webhook or its project does not exist;
    /// <see cref="Problems.ProblemKind.PlanRequired"/> on the free plan;
    /// <see cref="Problems.ProblemKind.Conflict"/> when the webhook is disabled.
    /// </exception>
    [Alias("Recover")]
    Task<int> Recover(DateTimeOffset since);
}
