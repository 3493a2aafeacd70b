using Qase.Webhooks.Tests.Infrastructure;

namespace Qase.Webhooks.Tests.Rules;

public sealed class PromQlTests
{
    [Fact]
    public void Metric_names_are_read_from_PromQL_without_functions_labels_keywords_or_variables()
    {
        var names = PromQl.MetricNames(
            """histogram_quantile(0.95, sum by (le, outcome) (rate(qase_delivery_attempt_duration_seconds_bucket{outcome="succeeded"}[$__rate_interval])))"""
            + """ / ignoring(x) sum(qase_deliveries_waiting) or vector(0) and on (job) up{job=~"qase.*"} > bool 1""");

        Assert.Equal(["qase_delivery_attempt_duration_seconds_bucket", "qase_deliveries_waiting", "up"], names);
    }
}
