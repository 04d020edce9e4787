package demo.shapes

import scala.collection.mutable
import scala.util.{Try, Success, Failure}

sealed trait Shape {
  def area: Double
}

final case class Circle(radius: Double) extends Shape {
  override def area: Double = math.Pi * radius * radius
}

final case class Rect(w: Double, h: Double) extends Shape {
  def area: Double = w * h
}

object Shapes {
  private val cache = mutable.Map.empty[String, Shape]

  def parse(line: String): Option[Shape] = line.split(",").toList match {
    case "circle" :: r :: Nil => Try(r.toDouble).toOption.map(Circle(_))
    case "rect" :: w :: h :: Nil =>
      for { a <- Try(w.toDouble).toOption; b <- Try(h.toDouble).toOption } yield Rect(a, b)
    case _ => None
  }

  def total(shapes: Seq[Shape]): Double = shapes.map(_.area).sum

  def main(args: Array[String]): Unit = {
    val shapes = List("circle,1.5", "rect,2,3", "bogus").flatMap(parse)
    cache ++= shapes.zipWithIndex.map { case (s, i) => s"shape$i" -> s }
    println(f"total area: ${total(shapes)}%.2f")
    val n = 0x1F
    val ch = 'z'
    if (shapes.nonEmpty && n > 0) println(s"first: ${shapes.head}, $ch") else println("none")
    Try(1 / 0) match {
      case Success(v) => println(v)
      case Failure(e) => println(e.getMessage)
    }
  }
}
