package com.boxncase.invites.support;

import java.util.List;
import org.springframework.data.mongodb.core.index.IndexDefinition;

/**
 * Implemented by a bean that needs MongoDB indexes (a repository, or a {@code @Bean} of a configuration). The
 * service-wide {@link IndexPlan} creates every bean's indexes at start, retries with backoff until they exist, and
 * keeps the service's readiness DOWN until then: a service must not serve without its unique indexes (duplicates) or
 * its look-up indexes (collection scans).
 */
@FunctionalInterface
public interface RequiredIndexes {

    List<CollectionIndex> requiredIndexes();

    /** One index on one collection. */
    record CollectionIndex(String collection, IndexDefinition index) {

        /** The index's name, as its definition gives it (every index here should be named). */
        public String name() {
            Object name = index.getIndexOptions().get("name");
            return collection + "."
                    + (name != null ? name : index.getIndexKeys().toJson());
        }
    }

    static CollectionIndex on(String collection, IndexDefinition index) {
        return new CollectionIndex(collection, index);
    }
}
