package com.boxncase.invites.api.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/stores/{storeId}/audit?inviteId=}: the audit trail, newest first. */
@RestController
class AuditController {

    private final MongoTemplate mongo;

    AuditController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record AuditPage(List<AuditEntry> items) {}

    @GetMapping("/api/v1/stores/{storeId}/audit")
    AuditPage audit(
            @PathVariable String storeId,
            @RequestParam(required = false) @Size(max = 100) String inviteId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        Criteria criteria = where("storeId").is(storeId);
        if (inviteId != null) {
            criteria = criteria.and("inviteId").is(inviteId);
        }
        Query query = new Query(criteria)
                .with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id")))
                .limit(limit);
        return new AuditPage(mongo.find(query, AuditEntry.class));
    }
}
