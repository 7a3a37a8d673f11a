package lichen.jcc.check;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.*;
import com.github.javaparser.ast.expr.*;
import com.github.javaparser.ast.stmt.*;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import java.util.*;

/**
 * Where in a parsed source file a bytecode-level violation was written: the
 * {@code catch} keyword of a handler, the {@code synchronized} modifier of a
 * method, the boxed expression on a line, the name of a type in a
 * declaration. Each query returns null when the tree does not tell, and the
 * checker falls back to the line (and the first non-blank character).
 */
final class SourcePositions {
    private static final Set<BinaryExpr.Operator> BOOLEAN_OPERATORS = EnumSet.of(BinaryExpr.Operator.AND, BinaryExpr.Operator.OR,
            BinaryExpr.Operator.EQUALS, BinaryExpr.Operator.NOT_EQUALS, BinaryExpr.Operator.LESS, BinaryExpr.Operator.LESS_EQUALS,
            BinaryExpr.Operator.GREATER, BinaryExpr.Operator.GREATER_EQUALS);

    private SourcePositions() {}

    /**
     * The {@code catch} clause whose header ({@code catch} to the end of its parameter) holds the
     * line of a handler's first instruction: javac puts the exception's store on the parameter.
     * Try-with-resources and pattern matching handlers have no such clause.
     */
    static Position catchClause(CompilationUnit cu, int handlerLine) {
        Position found = null;
        for (CatchClause c : cu.findAll(CatchClause.class)) {
            Position begin = c.getBegin().orElse(null);
            Position end = c.getParameter().getEnd().orElse(null);
            if (begin == null || end == null || begin.line > handlerLine || end.line < handlerLine) continue;
            if (found == null || begin.isBefore(found)) found = begin;
        }
        return found;
    }

    /** The {@code synchronized} modifier of the method that holds {@code firstLine} (or the only one of that name). */
    static Position synchronizedModifier(CompilationUnit cu, String name, int firstLine) {
        MethodDeclaration m = method(cu, name, firstLine, -1);
        if (m == null) return null;
        for (Modifier mod : m.getModifiers()) {
            if (mod.getKeyword() == Modifier.Keyword.SYNCHRONIZED) return mod.getBegin().orElse(null);
        }
        return null;
    }

    /** The name of a method without parameters that holds {@code firstLine} (a finalizer). */
    static Position methodName(CompilationUnit cu, String name, int firstLine) {
        MethodDeclaration m = method(cu, name, firstLine, 0);
        return m == null ? null : m.getName().getBegin().orElse(null);
    }

    /**
     * The first use of a type named {@code simpleName} in the header of a declaration: the
     * extends and implements clauses of a class ({@code member} null), the type of a field or
     * record component ({@code member} its name), or the signature of a method or constructor
     * ({@code member} its name, {@code <init>} for constructors; found by {@code firstLine}).
     */
    static Position typeInDeclaration(CompilationUnit cu, String className, String member, boolean isField,
                                      int firstLine, String simpleName) {
        TypeDeclaration<?> type = typeDeclaration(cu, className);
        List<Node> headers = new ArrayList<>();
        if (member == null && type instanceof ClassOrInterfaceDeclaration c) {
            headers.addAll(c.getExtendedTypes());
            headers.addAll(c.getImplementedTypes());
        } else if (member == null && type instanceof EnumDeclaration e) {
            headers.addAll(e.getImplementedTypes());
        } else if (member == null && type instanceof RecordDeclaration r) {
            headers.addAll(r.getImplementedTypes());
        } else if (isField && type != null) {
            for (FieldDeclaration f : type.getFields()) {
                if (f.getVariables().stream().anyMatch(v -> v.getNameAsString().equals(member))) headers.add(f.getElementType());
            }
            if (type instanceof RecordDeclaration r) {
                for (Parameter p : r.getParameters()) if (p.getNameAsString().equals(member)) headers.add(p.getType());
            }
        } else if (member != null && !isField) {
            Node scope = type != null ? type : cu;
            for (CallableDeclaration<?> d : scope.findAll(CallableDeclaration.class)) {
                boolean named = member.equals("<init>") ? d instanceof ConstructorDeclaration : d.getNameAsString().equals(member);
                if (!named || (firstLine > 0 && !holds(d, firstLine))) continue;
                if (d instanceof MethodDeclaration md) headers.add(md.getType());
                headers.addAll(d.getParameters());
                break;
            }
        }
        for (Node header : headers) {
            Optional<ClassOrInterfaceType> t = header instanceof ClassOrInterfaceType self && self.getNameAsString().equals(simpleName)
                    ? Optional.of(self) : header.findFirst(ClassOrInterfaceType.class, x -> x.getNameAsString().equals(simpleName));
            if (t.isPresent()) return t.get().getBegin().orElse(null);
        }
        return null;
    }

    /**
     * The {@code occurrence}-th (from 0) expression of a shape that starts on a line: the value a
     * boxing call boxes, the receiver an unboxing call unboxes. A cast with no cast in the source
     * (a widening javac inserted) is looked for as its operand.
     */
    static Position expression(CompilationUnit cu, int line, ExpressionShape shape, int occurrence) {
        if (shape == null) return null;
        List<Expression> found = new ArrayList<>();
        for (Expression e : cu.findAll(Expression.class)) {
            if (e.getBegin().isPresent() && e.getBegin().get().line == line && matches(e, shape)) found.add(e);
        }
        if (found.isEmpty()) return shape.kind() == ExpressionShape.Kind.CAST ? expression(cu, line, shape.operand(), occurrence) : null;
        found.sort(Comparator.comparing(e -> e.getBegin().get()));
        return found.get(Math.min(occurrence, found.size() - 1)).getBegin().get();
    }

    private static boolean matches(Expression e, ExpressionShape shape) {
        return switch (shape.kind()) {
            case NAME -> e instanceof NameExpr n && n.getNameAsString().equals(shape.name());
            case FIELD -> e instanceof FieldAccessExpr f && f.getNameAsString().equals(shape.name())
                    || e instanceof NameExpr n && n.getNameAsString().equals(shape.name());
            case CALL -> e instanceof MethodCallExpr c && c.getNameAsString().equals(shape.name())
                    // Iterator.next() in an enhanced for: the iterable stands for it.
                    || shape.name().equals("next") && e.getParentNode().orElse(null) instanceof ForEachStmt f && f.getIterable() == e;
            case LITERAL -> e instanceof LiteralExpr && !(e instanceof StringLiteralExpr) && !(e instanceof NullLiteralExpr)
                    && !(e instanceof TextBlockLiteralExpr) && !(parent(e) instanceof UnaryExpr)
                    || e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS && u.getExpression() instanceof LiteralExpr;
            case BINARY -> (e instanceof BinaryExpr || e instanceof AssignExpr a && a.getOperator() != AssignExpr.Operator.ASSIGN)
                    && !(parent(e) instanceof BinaryExpr);
            case UNARY -> e instanceof UnaryExpr && !(parent(e) instanceof UnaryExpr);
            case ARRAY -> e instanceof ArrayAccessExpr && !(parent(e) instanceof ArrayAccessExpr);
            case CONDITIONAL -> e instanceof ConditionalExpr || e instanceof SwitchExpr || e instanceof InstanceOfExpr
                    || e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT
                    || e instanceof BinaryExpr b && BOOLEAN_OPERATORS.contains(b.getOperator()) && !(parent(e) instanceof BinaryExpr);
            case CAST -> e instanceof CastExpr c && c.getType().asString().replaceAll("<.*>", "").replaceAll(".*\\.", "").equals(shape.name());
        };
    }

    /**
     * The last line of the simple statement (an expression, declaration, return or throw) that
     * begins on a line, or the line itself; a block or a loop is not one statement here.
     */
    static int statementEnd(CompilationUnit cu, int line) {
        if (cu == null) return line;
        int end = line;
        for (Statement st : cu.findAll(Statement.class, st -> st instanceof ExpressionStmt || st instanceof ReturnStmt
                || st instanceof ThrowStmt)) {
            if (st.getBegin().map(b -> b.line == line).orElse(false)) end = Math.max(end, st.getEnd().map(e -> e.line).orElse(line));
        }
        return end;
    }

    /** The parent of an expression, through parentheses. */
    private static Node parent(Node e) {
        Node p = e.getParentNode().orElse(null);
        while (p instanceof EnclosedExpr) p = p.getParentNode().orElse(null);
        return p;
    }

    private static MethodDeclaration method(CompilationUnit cu, String name, int firstLine, int parameters) {
        MethodDeclaration only = null;
        int count = 0;
        for (MethodDeclaration m : cu.findAll(MethodDeclaration.class)) {
            if (!m.getNameAsString().equals(name) || parameters >= 0 && m.getParameters().size() != parameters) continue;
            if (firstLine > 0 && holds(m, firstLine)) return m;
            only = m;
            count++;
        }
        return count == 1 ? only : null;
    }

    private static boolean holds(Node n, int line) {
        return n.getRange().map(r -> r.begin.line <= line && line <= r.end.line).orElse(false);
    }

    /**
     * The declaration of a class by its binary name ({@code a/b/Outer$Inner}); local classes
     * ({@code Outer$1Local}) match without their number, anonymous classes not at all.
     */
    private static TypeDeclaration<?> typeDeclaration(CompilationUnit cu, String internalName) {
        String binary = internalName.substring(internalName.lastIndexOf('/') + 1).replaceAll("\\$[0-9]+", "\\$");
        for (TypeDeclaration<?> t : cu.findAll(TypeDeclaration.class)) {
            StringBuilder name = new StringBuilder(t.getNameAsString());
            for (Node p = t.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
                if (p instanceof TypeDeclaration<?> outer) name.insert(0, outer.getNameAsString() + "$");
                else if (p instanceof LocalClassDeclarationStmt) name.insert(0, "$");
            }
            if (name.toString().replace("$$", "$").equals(binary)) return t;
        }
        return null;
    }
}
