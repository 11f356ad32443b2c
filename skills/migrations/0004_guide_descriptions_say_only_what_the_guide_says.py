"""
Skill descriptions that said more than the guide does ("the language most machine-learning work is written
in", "the query language of relational databases"...) now say only what it says, or nothing where it says
nothing. `load_guide` never overwrites a record, so databases seeded before are corrected here — only
where the description is still the one first seeded, so a curator's own wording stands.
"""

from django.db import migrations

# (slug, description as first seeded, the guide's, passage as first seeded, the passage now quoted)
CORRECTIONS = [
    (
        "python",
        "The language most machine-learning work is written in, with a large ecosystem of ML libraries.",
        "Has plenty of libraries for machine-learning engineers, and makes it easy to spot issues and apply quick fixes.",
        "In addition, Python has plenty of libraries for machine learning engineers specifically to accelerate their work.",
        "While Python doesn't precisely make mincemeat of machine learning, it makes it easy to spot issues and apply quick fixes. In addition, Python has plenty of libraries for machine learning engineers specifically to accelerate their work.",
    ),
    (
        "cpp",
        "A compiled language chosen where speed, memory and resource use matter.",
        "Compiled into highly efficient native code and optimised for speed, memory and resource use, with a flexible type system (templates, exception handling).",
        "C++ also provides a flexible type system with reusability features like templates and exception handling. The language is compiled into highly efficient native code.",
        "These programs are optimized for speed, memory, and resource usage. C++ also provides a flexible type system with reusability features like templates and exception handling. The language is compiled into highly efficient native code.",
    ),
    (
        "c",
        "A systems language; Google's ML job requirements accept it among the languages of software development.",
        "",
        "8 years of experience with software development in one or more programming languages (e.g., Python, C, C++, Java, JavaScript)",
        "8 years of experience with software development in one or more programming languages (e.g., Python, C, C++, Java, JavaScript)",
    ),
    (
        "shell",
        "Shell scripting for data processing and automating the work around models.",
        "A high-level, general-purpose language focused on data processing and statistical computing.",
        "Shell is a powerful tool in the arsenal of any machine learning engineer.",
        "Shell is a powerful tool in the arsenal of any machine learning engineer. … Moreover, it gives you a high-level, general-purpose programming language focusing on data processing and statistical computing.",
    ),
    (
        "sql",
        "The query language of relational databases.",
        "",
        "Proficiency in SQL, Python, or R",
        "Proficiency in SQL, Python, or R",
    ),
    (
        "probability-and-statistics",
        "Conditional probability, decision processes, mean, median and variance: how to reason about outcomes from data.",
        "Statistical measures such as conditional probability, decision processes, mean, median and variance, which estimate the relative likelihood of different outcomes.",
        "When dealing with machine learning, it is essential to understand probability and statistics.",
        "When dealing with machine learning, it is essential to understand probability and statistics. … For example, statistical measures such as conditional probability, decision processes, mean, median, and variance help machine learning by providing estimates of the relative likelihood of different outcomes.",
    ),
    (
        "causal-inference",
        "Statistical techniques for telling cause from correlation.",
        "",
        "including full lifecycle ML model development and causal inference techniques",
        "including full lifecycle ML model development and causal inference techniques",
    ),
    (
        "machine-learning-algorithms",
        "Understanding how learning algorithms work, well enough to choose and tune them, without writing them from scratch.",
        "Understand machine-learning algorithms thoroughly; no need to build them from the ground up.",
        "You don't need to build machine learning algorithms from the ground up but should understand them thoroughly.",
        "You don't need to build machine learning algorithms from the ground up but should understand them thoroughly.",
    ),
    (
        "ml-frameworks",
        "Working knowledge of at least one ML framework such as Scikit-learn, TensorFlow or PyTorch.",
        "Frameworks like Scikit-learn, TensorFlow and PyTorch.",
        "Get to know frameworks like Scikit-learn, TensorFlow, and PyTorch.",
        "Get to know frameworks like Scikit-learn, TensorFlow, and PyTorch.",
    ),
    (
        "scikit-learn",
        "A Python library of classic machine-learning algorithms.",
        "A machine-learning framework.",
        "Get to know frameworks like Scikit-learn, TensorFlow, and PyTorch.",
        "Get to know frameworks like Scikit-learn, TensorFlow, and PyTorch.",
    ),
    (
        "tensorflow",
        "A framework for building and training deep-learning models.",
        "A deep-learning framework.",
        "Get to know frameworks like Scikit-learn, TensorFlow, and PyTorch.",
        "experience with deep learning frameworks like TensorFlow or PyTorch",
    ),
    (
        "pytorch",
        "A framework for building and training deep-learning models.",
        "A deep-learning framework.",
        "Get to know frameworks like Scikit-learn, TensorFlow, and PyTorch.",
        "experience with deep learning frameworks like TensorFlow or PyTorch",
    ),
    (
        "deep-learning",
        "Neural-network methods and the toolkits used to build them.",
        "",
        "Conduct research on the latest techniques and methods in deep learning and natural language processing",
        "Conduct research on the latest techniques and methods in deep learning and natural language processing",
    ),
    (
        "code-review",
        "Reviewing other engineers' code for style, correctness, testability and efficiency.",
        "Reviewing other engineers' code and giving feedback on style, accuracy, testability and efficiency.",
        "Review code developed by other engineers and provide feedback to ensure best practices",
        "Review code developed by other engineers and provide feedback to ensure best practices (e.g., style guidelines, checking code in, accuracy, testability, and efficiency)",
    ),
    (
        "ml-infrastructure",
        "The infrastructure that machine-learning systems are trained and served on.",
        "",
        "Experience in Machine Learning Infrastructure",
        "Experience in Machine Learning Infrastructure",
    ),
    (
        "data-modeling",
        "Structuring raw data, finding patterns and correlations, and building and evaluating predictive models.",
        "Makes sense of data that would otherwise be difficult to interpret, and helps build models that are more robust and accurate.",
        "Data modeling and evaluation skills help make sense of data that would otherwise be difficult to interpret.",
        "Data modeling and evaluation skills help make sense of data that would otherwise be difficult to interpret. … It also helps build models that are more robust and accurate than those that are created without the use of data modeling.",
    ),
    (
        "data-interpretation",
        "Turning analysis into decisions the business can act on.",
        "Interpreting data for business decisions.",
        "ability to interpret data for business decisions",
        "ability to interpret data for business decisions",
    ),
    (
        "computational-linguistics",
        "The linguistics side of language technology.",
        "Used, with computer science, to get computers to understand, interpret and manipulate human language.",
        "They do this by using computational linguistics and computer science.",
        "by using computers to understand, interpret, and manipulate human language. … They do this by using computational linguistics and computer science.",
    ),
    (
        "computer-vision",
        "Machine learning on images and video.",
        "",
        "requires expertise in Generative AI (image, text, 3D modalities), computer vision, NLP",
        "requires expertise in Generative AI (image, text, 3D modalities), computer vision, NLP",
    ),
    (
        "generative-ai",
        "Models that generate images, text and 3D content.",
        "Generative AI across image, text and 3D modalities.",
        "requires expertise in Generative AI (image, text, 3D modalities), computer vision, NLP",
        "requires expertise in Generative AI (image, text, 3D modalities), computer vision, NLP",
    ),
    (
        "research",
        "Running research projects through to results worth publishing.",
        "A history of research project execution and publications.",
        "a background in a PhD program with a history of research project execution and publications",
        "a background in a PhD program with a history of research project execution and publications",
    ),
    (
        "fast-learner",
        "Keeping up with new tools and methods in a fast-moving field.",
        "Able to keep up with new tools and methods; things change quickly in machine learning.",
        "Fast Learner: Things change quickly in machine learning. You need to love learning and be able to keep up with new tools and methods.",
        "Fast Learner: Things change quickly in machine learning. You need to love learning and be able to keep up with new tools and methods.",
    ),
    (
        "technical-leadership",
        "Leading technical work and strategic projects across a team.",
        "A technical leadership role, overseeing strategic projects.",
        "3 years of experience in a technical leadership role; overseeing strategic projects",
        "3 years of experience in a technical leadership role; overseeing strategic projects",
    ),
]


def correct(apps, schema_editor):
    Skill = apps.get_model("skills", "Skill")
    for slug, seeded, corrected, seeded_passage, passage in CORRECTIONS:
        Skill.objects.filter(slug=slug, description=seeded, source__slug="exponent-ml-engineer-guide").update(
            description=corrected
        )
        Skill.objects.filter(
            slug=slug, source_passage=seeded_passage, source__slug="exponent-ml-engineer-guide"
        ).update(source_passage=passage)


class Migration(migrations.Migration):
    dependencies = [("skills", "0003_history"), ("sources", "0001_initial")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
