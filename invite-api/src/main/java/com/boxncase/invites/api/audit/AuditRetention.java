package com.boxncase.invites.api.audit;

import com.boxncase.invites.support.RequiredIndexes;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * How long audit entries are kept: a TTL index on their time ({@code at}), so MongoDB removes an entry
 * {@code invites.audit.retention} after the change it records. Created (and, when the setting changes, adjusted) by
 * service-support's {@code IndexPlan}.
 */
@Component
class AuditRetention implements RequiredIndexes {

    /** @param retention how long an audit entry is kept; at least a day */
    @Validated
    @ConfigurationProperties("invites.audit")
    record Settings(
            @NotNull @DurationMin(days = 1) @DefaultValue("400d")
            Duration retention) {}

    private final MongoTemplate mongo;
    private final Settings settings;

    AuditRetention(MongoTemplate mongo, Settings settings) {
        this.mongo = mongo;
        this.settings = settings;
    }

    @Override
    public List<CollectionIndex> requiredIndexes() {
        return List.of(RequiredIndexes.on(
                mongo.getCollectionName(AuditEntry.class),
                new Index()
                        .on("at", Sort.Direction.ASC)
                        .expire(settings.retention())
                        .named("retention")));
    }
}
