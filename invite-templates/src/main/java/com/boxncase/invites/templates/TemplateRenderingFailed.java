package com.boxncase.invites.templates;

import java.util.List;

/** A template could not be parsed or rendered; {@link #problems()} says where. */
public class TemplateRenderingFailed extends RuntimeException {

    private final List<TemplateProblem> problems;

    public TemplateRenderingFailed(List<TemplateProblem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public List<TemplateProblem> problems() {
        return problems;
    }
}
